/**
 * One OTLP trace export, whatever the transport: authenticate, decode, store, and say
 * how many spans were refused and why. What it throws for the client is an OnsetError
 * (HttpError here, OtlpDecodeError from the decoders); transports map its status to
 * their own (HTTP status, gRPC code) through errorAnswer (http-error.ts).
 */
import { partialSuccessFor, type DecodeResult, type NormalizedSpan, type RejectedSpan, type TracePartialSuccess } from "@onset/otlp";
import { QueueFullError, isUnstorableSpansError, type KeyPrincipal, type SpanIngest, type WriteResult, type WriteTiming } from "@onset/db";
import type { Logger } from "pino";
import type { PresentedKey } from "@onset/db";
import type { KeyResolver } from "./auth";
import { HttpError } from "./http-error";
import { capSpanAttributesOf } from "./attribute-cap";
import type { IngestQuotas } from "./quotas";

/** What an export handler needs. */
export interface ExportDeps {
  keys: KeyResolver;
  ingest: SpanIngest;
  log: Logger;
  quotas: IngestQuotas;
  config: { maxSpanAttributes: number };
}

/** The outcome of a stored export. */
export interface ExportOutcome {
  projectId: string;
  accepted: number;
  duplicates: number;
  /** OTLP partial_success (refused spans and why), null when every span was taken. */
  partial: TracePartialSuccess | null;
  /** Where the time went: decoding, then the group commit's parts (ms). */
  timing: { decodeMs: number } & WriteTiming;
}

/**
 * The project a credential writes into, before anything of the body is read (401 for a
 * missing or unknown key, 403 without the ingest scope), and 429 at once while the
 * project is over its span rate.
 */
export async function authenticateExport(deps: ExportDeps, key: PresentedKey | null): Promise<KeyPrincipal> {
  if (!key) throw new HttpError(401, "missing API key: send Authorization: Bearer <key>, Basic base64(public:secret), or x-api-key");
  const principal = await deps.keys.resolve(key);
  if (!principal) throw new HttpError(401, "invalid or revoked API key");
  deps.quotas.checkRate(principal.projectId);
  return principal;
}

/** What the synchronous part of an export leaves for its wait: no span objects. */
interface QueuedExport {
  written: Promise<WriteResult>;
  spans: number;
  partial: TracePartialSuccess | null;
  release: () => void;
}

/** Decodes a trace export, handing each accepted span to `onSpan` (DecodeOptions.onSpan) rather than collecting them. */
export type TraceDecoder = (onSpan: (span: NormalizedSpan) => void) => DecodeResult;

/**
 * Decodes the export straight into rows: each span the decoder accepts is held to its
 * trace's span limit and the attribute cap, priced and turned into its COPY row as soon
 * as it is built (IngestRequest), so the request's span graph never exists whole; then
 * the rate and queue quotas, and the rows are queued for a group commit.
 */
function queueExport(deps: ExportDeps, principal: KeyPrincipal, decode: TraceDecoder, writeTiming: WriteTiming): QueuedExport {
  const { projectId } = principal;
  const request = deps.ingest.request(projectId);
  const cap = deps.quotas.traceCap(projectId);
  const refused: RejectedSpan[] = [];
  const maxAttributes = deps.config.maxSpanAttributes;
  let decoded: DecodeResult;
  let release: () => void;
  try {
    decoded = decode((span) => {
      const refusal = cap.admit(span);
      if (refusal) refused.push(refusal);
      else request.add(capSpanAttributesOf(span, maxAttributes));
    });
    deps.quotas.admitRate(projectId, request.count + refused.length);
    cap.commit();
    release = deps.quotas.reserveQueue(projectId, request.count);
  } catch (err) {
    request.discard();
    throw err;
  }
  const result: DecodeResult = { ...decoded, rejected: refused.length === 0 ? decoded.rejected : [...decoded.rejected, ...refused] };
  return { written: request.write(writeTiming), spans: request.count, partial: partialSuccessFor(result), release };
}

/**
 * Decodes and stores one authenticated export within the project's quotas. At log
 * level debug it logs where the export's time went ("export timing": body read since
 * `receivedAt`, a performance.now() of the request's arrival; decode; queued; COPY;
 * COMMIT; total), which the ingest benchmark reads (docs/benchmarks.md).
 */
export async function storeExport(deps: ExportDeps, principal: KeyPrincipal, decode: TraceDecoder, receivedAt?: number): Promise<ExportOutcome> {
  // An undecodable body throws OtlpDecodeError, which answers with its own status (400).
  const t0 = performance.now();
  const writeTiming: WriteTiming = { queuedMs: 0, copyMs: 0, commitMs: 0, batchSpans: 0, batchWrites: 0 };
  const queued = queueExport(deps, principal, decode, writeTiming);
  // Decoding now includes building the rows (they are made as the spans are decoded).
  const decodeMs = performance.now() - t0;
  let written = { inserted: 0, duplicates: 0 };
  try {
    written = await queued.written;
  } catch (err) {
    if (err instanceof QueueFullError) {
      throw new HttpError(503, "ingest queue is full, retry later", err.retryAfterSec);
    }
    // Postgres refused these spans as data (the writer split the group commit so only
    // this request failed): the client's input, so 400, which OTLP clients do not retry.
    if (isUnstorableSpansError(err)) {
      deps.log.warn({ err }, "spans refused by the store");
      throw new HttpError(400, err.message);
    }
    deps.log.error({ err }, "storing spans failed");
    throw new HttpError(503, "storage is unavailable, retry later", 5);
  } finally {
    queued.release();
  }
  const timing = { decodeMs, ...writeTiming };
  if (receivedAt !== undefined && deps.log.isLevelEnabled("debug")) {
    const totalMs = performance.now() - receivedAt;
    deps.log.debug({ spans: queued.spans, readMs: t0 - receivedAt, ...timing, totalMs }, "export timing");
  }
  return {
    projectId: principal.projectId,
    accepted: written.inserted,
    duplicates: written.duplicates,
    partial: queued.partial,
    timing,
  };
}

/**
 * One OTLP trace export, whatever the transport: authenticate, decode, store, and say
 * how many spans were refused and why. What it throws for the client is an OnsetError
 * (HttpError here, OtlpDecodeError from the decoders); transports map its status to
 * their own (HTTP status, gRPC code) through errorAnswer (http-error.ts).
 */
import { partialSuccessFor, type DecodeResult, type TracePartialSuccess } from "@onset/otlp";
import { QueueFullError, isUnstorableSpansError, type KeyPrincipal, type SpanIngest, type WriteTiming } from "@onset/db";
import type { Logger } from "pino";
import type { PresentedKey } from "@onset/db";
import type { KeyResolver } from "./auth";
import { HttpError } from "./http-error";
import { capSpanAttributes } from "./attribute-cap";
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

/**
 * Decodes and stores one authenticated export within the project's quotas. At log
 * level debug it logs where the export's time went ("export timing": body read since
 * `receivedAt`, a performance.now() of the request's arrival; decode; queued; COPY;
 * COMMIT; total), which the ingest benchmark reads (docs/benchmarks.md).
 */
export async function storeExport(deps: ExportDeps, principal: KeyPrincipal, decode: () => DecodeResult, receivedAt?: number): Promise<ExportOutcome> {
  // An undecodable body throws OtlpDecodeError, which answers with its own status (400).
  const t0 = performance.now();
  const decoded: DecodeResult = decode();
  const decodeMs = performance.now() - t0;
  deps.quotas.admitRate(principal.projectId, decoded.spans.length);
  const { kept, refused } = deps.quotas.capTraces(principal.projectId, decoded.spans);
  const capped = capSpanAttributes(kept, deps.config.maxSpanAttributes);
  const result: DecodeResult = { ...decoded, spans: capped, rejected: refused.length === 0 ? decoded.rejected : [...decoded.rejected, ...refused] };
  const release = deps.quotas.reserveQueue(principal.projectId, result.spans.length);
  let written = { inserted: 0, duplicates: 0 };
  const writeTiming: WriteTiming = { queuedMs: 0, copyMs: 0, commitMs: 0, batchSpans: 0, batchWrites: 0 };
  try {
    written = await deps.ingest.write(principal.projectId, result.spans, writeTiming);
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
    release();
  }
  const timing = { decodeMs, ...writeTiming };
  if (receivedAt !== undefined && deps.log.isLevelEnabled("debug")) {
    const totalMs = performance.now() - receivedAt;
    deps.log.debug({ spans: result.spans.length, readMs: t0 - receivedAt, ...timing, totalMs }, "export timing");
  }
  return {
    projectId: principal.projectId,
    accepted: written.inserted,
    duplicates: written.duplicates,
    partial: partialSuccessFor(result),
    timing,
  };
}

/**
 * One OTLP trace export, whatever the transport: authenticate, decode, store, and say
 * how many spans were refused and why. What it throws for the client is an OnsetError
 * (HttpError here, OtlpDecodeError from the decoders); transports map its status to
 * their own (HTTP status, gRPC code) through errorAnswer (http-error.ts).
 */
import { partialSuccessFor, type DecodeResult, type TracePartialSuccess } from "@onset/otlp";
import { QueueFullError, isUnstorableSpansError, type SpanIngest } from "@onset/db";
import type { Logger } from "pino";
import type { PresentedKey } from "@onset/db";
import type { KeyResolver } from "./auth";
import { HttpError } from "./http-error";

/** What an export handler needs. */
export interface ExportDeps {
  keys: KeyResolver;
  ingest: SpanIngest;
  log: Logger;
}

/** The outcome of a stored export. */
export interface ExportOutcome {
  projectId: string;
  accepted: number;
  duplicates: number;
  /** OTLP partial_success (refused spans and why), null when every span was taken. */
  partial: TracePartialSuccess | null;
}

/** Authenticates, decodes and stores one export; throws an OnsetError for the client. */
export async function exportTraces(
  deps: ExportDeps,
  key: PresentedKey | null,
  decode: () => DecodeResult,
): Promise<ExportOutcome> {
  if (!key) throw new HttpError(401, "missing API key: send Authorization: Bearer <key>, Basic base64(public:secret), or x-api-key");
  const principal = await deps.keys.resolve(key);
  if (!principal) throw new HttpError(401, "invalid or revoked API key");
  // An undecodable body throws OtlpDecodeError, which answers with its own status (400).
  const result: DecodeResult = decode();
  let written = { inserted: 0, duplicates: 0 };
  try {
    written = await deps.ingest.write(principal.projectId, result.spans);
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
  }
  return {
    projectId: principal.projectId,
    accepted: written.inserted,
    duplicates: written.duplicates,
    partial: partialSuccessFor(result),
  };
}

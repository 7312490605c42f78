/**
 * The collector's errors and the one place that turns any error into an answer
 * (`errorAnswer`, used by the HTTP and the gRPC receivers alike). Errors are OnsetErrors
 * (@onset/otlp): the decoders' OtlpDecodeError answers with its own status, the
 * collector's HttpError with the status it was given. `details.retryAfter` (seconds) becomes
 * Retry-After, as in the web app.
 */
import { isOnsetError, OnsetError } from "@onset/otlp";

/** Stable codes of the statuses the collector answers with. */
const CODES: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "too_large",
  415: "unsupported_media_type",
  429: "too_many_requests",
  503: "unavailable",
};

/** An error that carries the HTTP status (and optional Retry-After) to answer with. */
export class HttpError extends OnsetError {
  constructor(
    status: number,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(status, CODES[status] ?? `http_${status}`, message, retryAfterSec === undefined ? undefined : { retryAfter: retryAfterSec });
    this.name = "HttpError";
  }
}

/** What to answer for an error: status, message, and seconds for Retry-After when set. */
export interface ErrorAnswer {
  status: number;
  message: string;
  retryAfterSec?: number;
}

/** The answer for an OnsetError (status, message, Retry-After); null for anything else (a bug: 500/INTERNAL). */
export function errorAnswer(err: unknown): ErrorAnswer | null {
  if (!isOnsetError(err)) return null;
  const retry = err.details?.retryAfter;
  return { status: err.status, message: err.message, ...(typeof retry === "number" ? { retryAfterSec: retry } : {}) };
}

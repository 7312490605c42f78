/**
 * The one error base of Onset (docs/spec/design.md §5): an HTTP status, a stable code, a
 * message for people and optional machine-readable details. Every package's errors extend
 * it, and each server turns it into a response in one place: the web app in
 * apps/web/src/server/route.ts (`errorResponse`), the collector in
 * apps/collector/src/http-error.ts (`errorAnswer`). It lives in @onset/otlp, the package
 * at the bottom of the dependency graph that every other one already imports; it has no
 * dependency of its own.
 */

/** Marks OnsetErrors across duplicated module instances (where `instanceof` fails). */
const BRAND = Symbol.for("onset.error");

/** An error that knows how to answer: status, code, message, details. */
export class OnsetError extends Error {
  /** Brand read by {@link isOnsetError}. */
  readonly [BRAND] = true;

  constructor(
    /** HTTP status to answer with (4xx: the caller's fault; 5xx: ours, or retry later). */
    readonly status: number,
    /** Stable machine-readable code for the error body, e.g. `invalid_otlp`. */
    readonly code: string,
    message: string,
    /** Extra machine-readable fields for the error body (e.g. `retryAfterSec`). */
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True for an OnsetError, also one from another copy of this module. */
export function isOnsetError(err: unknown): err is OnsetError {
  return err instanceof OnsetError || (err instanceof Error && (err as unknown as Record<symbol, unknown>)[BRAND] === true);
}

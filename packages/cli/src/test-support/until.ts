/** Waiting in tests for what other processes or the job queue do. */

/** Polls `check` every 200 ms until it holds; throws naming `what` after `ms` (default 30 s). */
export async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Analyzes runs once they go quiet (no new span for `quietMs`), so the runs list shows
 * onset and loop badges without anyone opening the run. One pass at a time.
 */
import { analyzeQuietRuns } from "@onset/analysis-service";
import type { Pool } from "@onset/db";

/** Starts the timer; the returned function stops it and waits for a running pass. */
export function startBackgroundAnalysis(pool: Pool, opts: { quietMs: number; everyMs: number; log: (msg: string) => void }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = analyzeQuietRuns(pool, opts.quietMs, {
      limit: 50,
      onError: (run, err) => opts.log(`analysis of run ${run.traceId} failed: ${(err as Error).message}`),
    })
      .catch((err) => opts.log(`background analysis failed: ${(err as Error).message}`))
      .finally(() => (running = null));
  }, opts.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

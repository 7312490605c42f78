/**
 * Forces requests into one group commit: the `traces` table is locked from another
 * connection, filler writes occupy every flush slot (ONSET_INGEST_CONCURRENCY of them),
 * each seen waiting on the lock in pg_locks, and the requests under test queue up
 * behind them; on unlock the writer takes everything queued as one batch: one COPY,
 * one transaction (the test's spans stay under ONSET_INGEST_BATCH_SPANS).
 */
import pg from "pg";
import type { TestCollector } from "./test-collector";

/** Runs `send` while the writer is held, so the `spans` spans it queues are flushed together. */
export async function inOneGroupCommit<T>(
  t: TestCollector,
  filler: () => Promise<unknown>,
  send: () => Promise<T>,
  spans: number,
): Promise<T> {
  const locker = new pg.Client({ connectionString: t.db.url });
  await locker.connect();
  const waiting = async () =>
    (await locker.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'traces'::regclass AND NOT granted")).rows[0]!.n;
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE traces IN ACCESS EXCLUSIVE MODE");
    const held: Promise<unknown>[] = [];
    for (let slot = 1; slot <= t.config.ingestConcurrency; slot++) {
      held.push(filler());
      await waitFor(async () => (await waiting()) === slot);
    }
    const base = t.collector.ingest.backlog;
    const result = send();
    await waitFor(() => t.collector.ingest.backlog >= base + spans);
    await locker.query("COMMIT");
    await Promise.all(held);
    return await result;
  } finally {
    await locker.query("ROLLBACK").catch(() => {});
    await locker.end();
  }
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("timed out waiting for the writer");
    await new Promise((r) => setTimeout(r, 5));
  }
}

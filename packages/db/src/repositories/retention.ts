/**
 * Per-project retention (projects.retention_days; null keeps everything). A run expires
 * when it ended more than its project's retention before now; it goes as a whole, its
 * summary row (with its analysis and verdict, by cascade) and its spans in one
 * transaction, so the runs list and the dashboards never see half of a run.
 *
 * Whole months go by partition (docs/adr/0002-storage-layout.md, docs/adr/0008-content-store.md):
 * when every project has a retention and a month ended before all their cut-offs, and no
 * run that is still kept has spans in it, that month's `spans` and `span_contents`
 * partitions are dropped, in the transaction that deletes the month's summary rows. What
 * expires inside a month that other projects still keep is deleted run by run, in
 * batches, here in the background and never on the ingest path; a project's content of a
 * month is deleted once none of its spans of that month is left.
 */
import type { Pool, PoolClient } from "pg";
import { MONTHLY_TABLES } from "./span-partitions";

/** Runs deleted per transaction when a month cannot be dropped whole. */
const RUN_BATCH = 500;

// The cached analyses of the runs in the CTE `gone` (verdicts go by cascade).
const DELETE_ANALYSES = `analyses AS (
  DELETE FROM trace_analyses a USING gone g WHERE a.project_id = g.project_id AND a.trace_id = g.trace_id
)`;

/** What one pass removed. */
export interface RetentionResult {
  /** Partitions dropped (spans_y2026m01, span_contents_y2026m01, ...). */
  droppedPartitions: string[];
  /** Runs deleted, by partition drop and run by run. */
  deletedRuns: number;
}

/** A monthly partition with its bounds. */
interface MonthPartition {
  month: string; // "y2026m01"
  from: Date;
  to: Date;
}

/** Sets a project's retention in days (null: keep everything). */
export async function setProjectRetention(pool: Pool, projectId: string, days: number | null): Promise<void> {
  await pool.query(`UPDATE projects SET retention_days = $2 WHERE id = $1`, [projectId, days]);
}

/** A project's retention in days, null when it keeps everything (or does not exist). */
export async function getProjectRetention(pool: Pool, projectId: string): Promise<number | null> {
  const r = await pool.query<{ d: number | null }>(`SELECT retention_days AS d FROM projects WHERE id = $1`, [projectId]);
  return r.rows[0]?.d ?? null;
}

/**
 * Removes what every project's retention says has expired at `now`: whole monthly
 * partitions where the layout allows, the rest run by run. Safe to run from several
 * processes at once (an advisory lock lets one pass run at a time).
 */
export async function applyRetention(pool: Pool, now = new Date(), log?: (msg: string) => void): Promise<RetentionResult> {
  const result: RetentionResult = { droppedPartitions: [], deletedRuns: 0 };
  const client = await pool.connect();
  try {
    const lock = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('onset.retention')) AS ok`);
    if (!lock.rows[0]?.ok) return result;
    try {
      await dropExpiredMonths(client, now, result, log);
      await deleteExpiredRuns(client, now, result);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('onset.retention'))`);
    }
  } finally {
    client.release();
  }
  return result;
}

/** Monthly partitions of spans, oldest first. */
async function monthPartitions(client: PoolClient): Promise<MonthPartition[]> {
  const r = await client.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'spans'::regclass AND c.relname ~ '^spans_y[0-9]{4}m[0-9]{2}$'`,
  );
  const out: MonthPartition[] = [];
  for (const { name, bound } of r.rows) {
    const m = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(bound);
    if (m) out.push({ month: name.slice("spans_".length), from: new Date(m[1]!), to: new Date(m[2]!) });
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** Drops each month every project's retention has passed and no kept run still uses. */
async function dropExpiredMonths(client: PoolClient, now: Date, result: RetentionResult, log?: (msg: string) => void): Promise<void> {
  // The earliest cut-off over all projects; none when a project keeps everything.
  const c = await client.query<{ cutoff: Date | null; unlimited: number }>(
    `SELECT min($1::timestamptz - make_interval(days => retention_days)) AS cutoff,
            count(*) FILTER (WHERE retention_days IS NULL)::int AS unlimited FROM projects`,
    [now],
  );
  const cutoff = c.rows[0]?.cutoff;
  if (!cutoff || c.rows[0]!.unlimited > 0) return;
  for (const p of await monthPartitions(client)) {
    if (p.to > cutoff) break;
    await client.query("BEGIN");
    try {
      // A run still kept (ended after its project's cut-off) with spans in this month
      // would lose them: keep the month, its runs go one by one when they expire.
      const kept = await client.query(
        `SELECT 1 FROM traces t JOIN projects pr ON pr.id = t.project_id
          WHERE t.start_time < $1 AND t.end_time >= $2::timestamptz - make_interval(days => pr.retention_days) LIMIT 1`,
        [p.to, now],
      );
      if (kept.rowCount) {
        await client.query("ROLLBACK");
        continue;
      }
      const gone = await client.query<{ n: number }>(
        `WITH gone AS (DELETE FROM traces WHERE start_time < $1 RETURNING project_id, trace_id), ${DELETE_ANALYSES}
         SELECT count(*)::int AS n FROM gone`,
        [p.to],
      );
      const runs = gone.rows[0]?.n ?? 0;
      for (const table of MONTHLY_TABLES) {
        const name = `${table}_${p.month}`;
        await client.query(`DROP TABLE IF EXISTS "${name}"`);
        result.droppedPartitions.push(name);
      }
      await client.query("COMMIT");
      result.deletedRuns += runs;
      log?.(`retention: dropped the ${p.month} partitions (${runs} runs)`);
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  }
}

/** Deletes expired runs of each project with a retention, a batch per transaction. */
async function deleteExpiredRuns(client: PoolClient, now: Date, result: RetentionResult): Promise<void> {
  const projects = await client.query<{ id: string; cutoff: Date }>(
    `SELECT id, $1::timestamptz - make_interval(days => retention_days) AS cutoff FROM projects WHERE retention_days IS NOT NULL`,
    [now],
  );
  for (const { id, cutoff } of projects.rows) {
    for (;;) {
      await client.query("BEGIN");
      try {
        const runs = await client.query<{ trace_id: string; start_time: Date }>(
          `WITH gone AS (
             DELETE FROM traces WHERE project_id = $1 AND trace_id IN (
               SELECT trace_id FROM traces WHERE project_id = $1 AND end_time < $2 ORDER BY end_time LIMIT ${RUN_BATCH}
             ) RETURNING project_id, trace_id, start_time
           ), ${DELETE_ANALYSES}
           SELECT trace_id, start_time FROM gone`,
          [id, cutoff],
        );
        if (runs.rows.length > 0) {
          // A run's spans start no earlier than the run: bound the scan to its partitions.
          const from = new Date(Math.min(...runs.rows.map((r) => r.start_time.getTime())));
          await client.query(`DELETE FROM spans WHERE project_id = $1 AND trace_id = ANY($2::text[]) AND start_time >= $3`, [
            id,
            runs.rows.map((r) => r.trace_id),
            from,
          ]);
        }
        await client.query("COMMIT");
        result.deletedRuns += runs.rows.length;
        if (runs.rows.length < RUN_BATCH) break;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    }
    // Content of months where the project has no span left.
    await client.query(
      `DELETE FROM span_contents c WHERE c.project_id = $1 AND c.bucket < $2
          AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.project_id = $1 AND s.start_time >= c.bucket
                            AND s.start_time < c.bucket + interval '1 month')`,
      [id, cutoff],
    );
  }
}

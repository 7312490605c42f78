/**
 * Each run's latest LLM judge report (issue 18), stored beside the cached analysis and
 * never in it: the deterministic answer stays what the analysis says, and recomputing
 * the analysis does not lose what the judge said (or what it cost).
 */
import type { Pool } from "pg";

/** A stored judge report. */
export interface StoredJudgement<T> {
  /** The run's span count when it was judged (a larger count now: the run grew since). */
  spanCount: number;
  report: T;
  /** When (ISO 8601). */
  judgedAt: string;
}

/** Stores a run's judge report, replacing the previous one; false when the project has no such run. */
export async function storeRunJudgement(pool: Pool, projectId: string, traceId: string, spanCount: number, report: unknown): Promise<boolean> {
  const r = await pool.query(
    `INSERT INTO run_judgements (project_id, trace_id, span_count, report, created_at)
     SELECT project_id, trace_id, $3, $4::jsonb, now() FROM traces WHERE project_id = $1 AND trace_id = $2
     ON CONFLICT (project_id, trace_id) DO UPDATE SET span_count = excluded.span_count, report = excluded.report, created_at = excluded.created_at`,
    [projectId, traceId, spanCount, JSON.stringify(report)],
  );
  return (r.rowCount ?? 0) > 0;
}

/** A run's latest judge report, or null when it was never judged. */
export async function readRunJudgement<T>(pool: Pool, projectId: string, traceId: string): Promise<StoredJudgement<T> | null> {
  const r = await pool.query<{ span_count: number; report: T; created_at: Date }>(
    `SELECT span_count, report, created_at FROM run_judgements WHERE project_id = $1 AND trace_id = $2`,
    [projectId, traceId],
  );
  const row = r.rows[0];
  return row ? { spanCount: row.span_count, report: row.report, judgedAt: row.created_at.toISOString() } : null;
}

/**
 * What comparable runs cost: the median cost of a run's siblings, for the cost-outlier
 * finding (docs/spec/failure-onset.md §4b, "the read side"). Siblings are the project's
 * other finished runs of the same task when there are at least `minRuns` of them, else
 * the project's other recent runs; the newest `sample` of either. Storage only: deciding
 * what counts as an outlier is @onset/analysis's `costOutlier`.
 */
import type { Pool } from "pg";

/** The median cost of a run's siblings, how many there were, and what they share with it. */
export interface RunCostBaseline {
  medianUsd: number;
  runs: number;
  basis: "task" | "project";
}

const SAMPLE = 200;

/** The siblings' median cost, or null when fewer than `minRuns` other runs exist. */
export async function runCostBaseline(pool: Pool, projectId: string, traceId: string, minRuns = 3): Promise<RunCostBaseline | null> {
  const r = await pool.query<{ basis: "task" | "project"; runs: number; median: number | null }>(
    `WITH me AS (SELECT task FROM traces WHERE project_id = $1 AND trace_id = $2),
     same_task AS (
       SELECT cost_usd FROM traces t, me
        WHERE t.project_id = $1 AND t.trace_id <> $2 AND me.task IS NOT NULL AND t.task = me.task AND t.span_count > 0
        ORDER BY t.start_time DESC LIMIT ${SAMPLE}),
     project AS (
       SELECT cost_usd FROM traces t
        WHERE t.project_id = $1 AND t.trace_id <> $2 AND t.span_count > 0
        ORDER BY t.start_time DESC LIMIT ${SAMPLE})
     SELECT 'task' AS basis, count(*)::int AS runs, percentile_cont(0.5) WITHIN GROUP (ORDER BY cost_usd)::float8 AS median FROM same_task
     UNION ALL
     SELECT 'project', count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY cost_usd)::float8 FROM project`,
    [projectId, traceId],
  );
  const pick = r.rows.find((row) => row.basis === "task" && row.runs >= minRuns) ?? r.rows.find((row) => row.basis === "project" && row.runs >= minRuns);
  return pick ? { medianUsd: pick.median ?? 0, runs: pick.runs, basis: pick.basis } : null;
}

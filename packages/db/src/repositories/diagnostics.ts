/**
 * The span sample mapping diagnostics run on: the spans of a project's most recent runs,
 * bounded in runs and spans so the settings page stays fast however much is stored. The
 * recent runs come from the (project_id, start_time DESC) index of `traces`; their spans
 * from the (project_id, trace_id, start_time) index of `spans` (a run's spans never start
 * before the run, which also lets Postgres skip older partitions).
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { Pool } from "pg";
import { resolveContent } from "./span-contents";
import { SPAN_RECORD_COLUMNS, SPAN_TIME_COLUMNS, toNormalizedSpan } from "./run-rows";

/** Bounds of the sample. */
export interface DiagnosticsSampleQuery {
  /** Most recent runs read (1..1000, default 100). */
  maxRuns?: number;
  /** Most spans read over those runs (1..50000, default 5000). */
  maxSpans?: number;
}

/** The sampled spans and what they cover. */
export interface DiagnosticsSample {
  spans: NormalizedSpan[];
  runs: number;
  /** Start of the oldest and newest run sampled (ISO-8601), null when the project has none. */
  from: string | null;
  to: string | null;
  /** True when the span bound cut the sample short. */
  truncated: boolean;
}

/** The spans of the project's most recent runs, newest spans first, within the bounds. */
export async function loadDiagnosticsSample(pool: Pool, projectId: string, q: DiagnosticsSampleQuery = {}): Promise<DiagnosticsSample> {
  const maxRuns = Math.min(Math.max(q.maxRuns ?? 100, 1), 1000);
  const maxSpans = Math.min(Math.max(q.maxSpans ?? 5000, 1), 50_000);
  const r = await pool.query(
    // recent's columns are renamed so the span column lists need no qualifier.
    `WITH recent AS (
       SELECT trace_id AS recent_trace, start_time AS run_start FROM traces WHERE project_id = $1
        ORDER BY start_time DESC LIMIT $2
     )
     SELECT trace_id AS "traceId", ${SPAN_RECORD_COLUMNS}, ${SPAN_TIME_COLUMNS}, run_start
       FROM recent JOIN spans ON project_id = $1 AND trace_id = recent_trace AND start_time >= run_start
      ORDER BY start_time DESC, span_id
      LIMIT $3`,
    [projectId, maxRuns, maxSpans + 1],
  );
  const rows = r.rows.slice(0, maxSpans);
  await resolveContent(pool, projectId, rows);
  const runs = new Set<string>();
  let from: Date | null = null;
  let to: Date | null = null;
  const spans = rows.map(({ traceId, run_start, ...row }) => {
    runs.add(traceId as string);
    const start = run_start as Date;
    if (!from || start < from) from = start;
    if (!to || start > to) to = start;
    return toNormalizedSpan(traceId as string, row);
  });
  return {
    spans,
    runs: runs.size,
    from: (from as Date | null)?.toISOString() ?? null,
    to: (to as Date | null)?.toISOString() ?? null,
    truncated: r.rows.length > maxSpans,
  };
}

/**
 * The project dashboard's figures, aggregated in SQL: runs, errors, cost and tokens per
 * time bucket (from the per-run summary rows in `traces`, read through the
 * (project_id, start_time) index), per-model usage (from `spans`, through the
 * (project_id, model, start_time) index with partition pruning on start_time), the
 * costliest runs and the runs where loops were found (wasted tokens and cost read from
 * the cached analysis when there is one).
 */
import type { Pool } from "pg";
import { RUN_COLUMNS, toRunSummary, type RunSummary } from "./run-rows";

/** Bucket widths the dashboard offers, in seconds. */
export const DASHBOARD_BUCKETS = {
  "1m": 60,
  "5m": 300,
  "15m": 900,
  "1h": 3600,
  "6h": 21_600,
  "1d": 86_400,
} as const;

/** A bucket width name. */
export type DashboardBucket = keyof typeof DASHBOARD_BUCKETS;

/** Most buckets one query may produce (keeps a typo'd range from generating millions of rows). */
export const MAX_DASHBOARD_BUCKETS = 2000;

/** Buckets start on multiples of the width counted from this origin (UTC midnight). */
const BUCKET_ORIGIN = "2000-01-01T00:00:00Z";

/** What the dashboard asks for: a half-open time range [from, to) and a bucket width. */
export interface DashboardQuery {
  from: Date;
  to: Date;
  bucket: DashboardBucket;
  /** Rows in each top list (models, costliest runs, loop runs); default 10. */
  limit?: number;
}

/** One time bucket of the series. */
export interface DashboardPoint {
  /** Bucket start, ISO-8601. */
  time: string;
  runs: number;
  errorRuns: number;
  /** errorRuns / runs; null for a bucket without runs. */
  errorRate: number | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  unpricedSpans: number;
}

/** Totals over the whole range. */
export interface DashboardTotals {
  runs: number;
  errorRuns: number;
  errorRate: number | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  unpricedSpans: number;
  /** LLM spans that reported no usage: the cost and token totals leave them out (unknown, not zero). */
  llmSpansWithoutUsage: number;
  avgDurationMs: number | null;
  p95DurationMs: number | null;
  runsWithLoops: number;
  loops: number;
}

/** Usage of one model over the range. */
export interface ModelUsage {
  model: string;
  provider: string | null;
  calls: number;
  /** Runs that started in the range and used the model. */
  runs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Calls with tokens but no price (their cost is unknown, not zero). */
  unpricedCalls: number;
  /** LLM calls that reported no usage (their tokens and cost are unknown, not zero). */
  callsWithoutUsage: number;
}

/** A run where loops were found, with what they wasted (null until the run is analyzed). */
export interface LoopRun {
  run: RunSummary;
  wastedTokens: number | null;
  wastedCostUsd: number | null;
  kinds: string[];
}

/** Everything the dashboard page shows. */
export interface DashboardData {
  from: string;
  to: string;
  bucket: DashboardBucket;
  series: DashboardPoint[];
  totals: DashboardTotals;
  topModels: ModelUsage[];
  costliestRuns: RunSummary[];
  loopRuns: LoopRun[];
}

/** Number of buckets a query spans. */
export function bucketCount(q: Pick<DashboardQuery, "from" | "to" | "bucket">): number {
  return Math.ceil((q.to.getTime() - q.from.getTime()) / 1000 / DASHBOARD_BUCKETS[q.bucket]);
}

/** Loads the dashboard of `projectId` for a range; throws RangeError for an empty or too fine range. */
export async function loadDashboard(pool: Pool, projectId: string, q: DashboardQuery): Promise<DashboardData> {
  if (!(q.to.getTime() > q.from.getTime())) throw new RangeError("dashboard range is empty: `to` must be after `from`");
  if (bucketCount(q) > MAX_DASHBOARD_BUCKETS) {
    throw new RangeError(`dashboard range has more than ${MAX_DASHBOARD_BUCKETS} buckets of ${q.bucket}; pick a wider bucket`);
  }
  const limit = Math.min(Math.max(q.limit ?? 10, 1), 100);
  const [series, totals, topModels, costliestRuns, loopRuns] = await Promise.all([
    loadSeries(pool, projectId, q),
    loadTotals(pool, projectId, q),
    loadTopModels(pool, projectId, q, limit),
    loadCostliestRuns(pool, projectId, q, limit),
    loadLoopRuns(pool, projectId, q, limit),
  ]);
  return { from: q.from.toISOString(), to: q.to.toISOString(), bucket: q.bucket, series, totals, topModels, costliestRuns, loopRuns };
}

/** Runs, errors, cost and tokens per bucket, empty buckets included (a chart needs the zeros). */
async function loadSeries(pool: Pool, projectId: string, q: DashboardQuery): Promise<DashboardPoint[]> {
  const r = await pool.query<{
    t: Date;
    runs: number;
    error_runs: number;
    cost: number;
    input_tokens: number;
    output_tokens: number;
    unpriced: number;
  }>(
    `WITH agg AS (
       SELECT date_bin(make_interval(secs => $4), start_time, $5::timestamptz) AS t,
              count(*)::int AS runs,
              (count(*) FILTER (WHERE status = 'error'))::int AS error_runs,
              coalesce(sum(cost_usd), 0)::float8 AS cost,
              coalesce(sum(input_tokens), 0)::bigint AS input_tokens,
              coalesce(sum(output_tokens), 0)::bigint AS output_tokens,
              coalesce(sum(unpriced_spans), 0)::bigint AS unpriced
         FROM traces
        WHERE project_id = $1 AND start_time >= $2 AND start_time < $3
        GROUP BY 1
     ), buckets AS (
       SELECT generate_series(date_bin(make_interval(secs => $4), $2::timestamptz, $5::timestamptz),
                              $3::timestamptz - interval '1 microsecond', make_interval(secs => $4)) AS t
     )
     SELECT b.t, coalesce(a.runs, 0) AS runs, coalesce(a.error_runs, 0) AS error_runs, coalesce(a.cost, 0) AS cost,
            coalesce(a.input_tokens, 0) AS input_tokens, coalesce(a.output_tokens, 0) AS output_tokens,
            coalesce(a.unpriced, 0) AS unpriced
       FROM buckets b LEFT JOIN agg a ON a.t = b.t
      ORDER BY b.t`,
    [projectId, q.from, q.to, DASHBOARD_BUCKETS[q.bucket], BUCKET_ORIGIN],
  );
  return r.rows.map((row) => ({
    time: row.t.toISOString(),
    runs: row.runs,
    errorRuns: row.error_runs,
    errorRate: row.runs > 0 ? row.error_runs / row.runs : null,
    costUsd: row.cost,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    unpricedSpans: Number(row.unpriced),
  }));
}

/** Totals over the range, with the mean and 95th percentile of run duration. */
async function loadTotals(pool: Pool, projectId: string, q: DashboardQuery): Promise<DashboardTotals> {
  const r = await pool.query(
    `SELECT count(*)::int AS runs,
            (count(*) FILTER (WHERE status = 'error'))::int AS "errorRuns",
            coalesce(sum(cost_usd), 0)::float8 AS "costUsd",
            coalesce(sum(input_tokens), 0)::bigint AS "inputTokens",
            coalesce(sum(output_tokens), 0)::bigint AS "outputTokens",
            coalesce(sum(unpriced_spans), 0)::bigint AS "unpricedSpans",
            coalesce(sum(llm_spans_without_usage), 0)::bigint AS "llmSpansWithoutUsage",
            avg(extract(epoch FROM end_time - start_time) * 1000)::float8 AS "avgDurationMs",
            (percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM end_time - start_time) * 1000))::float8 AS "p95DurationMs",
            (count(*) FILTER (WHERE loop_count > 0))::int AS "runsWithLoops",
            coalesce(sum(loop_count), 0)::bigint AS loops
       FROM traces
      WHERE project_id = $1 AND start_time >= $2 AND start_time < $3`,
    [projectId, q.from, q.to],
  );
  const row = r.rows[0] as Omit<DashboardTotals, "errorRate">;
  return { ...row, errorRate: row.runs > 0 ? row.errorRuns / row.runs : null };
}

/**
 * Models by cost (then calls) over the range, from the LLM spans (and token-carrying
 * spans) that name a model. Runs per model come from the runs' own model lists in
 * `traces`: a count(DISTINCT trace_id) over the spans tripled this query's time on a
 * month of a busy project (measured: ~0.2 s -> ~0.7 s for 330k LLM spans).
 */
async function loadTopModels(pool: Pool, projectId: string, q: DashboardQuery, limit: number): Promise<ModelUsage[]> {
  const r = await pool.query<Omit<ModelUsage, "runs">>(
    `SELECT model,
            min(provider) AS provider,
            count(*)::int AS calls,
            coalesce(sum(input_tokens), 0)::bigint AS "inputTokens",
            coalesce(sum(output_tokens), 0)::bigint AS "outputTokens",
            coalesce(sum(cost_usd), 0)::float8 AS "costUsd",
            (count(*) FILTER (WHERE cost_usd IS NULL AND coalesce(input_tokens, 0) + coalesce(output_tokens, 0) > 0))::int AS "unpricedCalls",
            (count(*) FILTER (WHERE type = 'llm' AND input_tokens IS NULL AND output_tokens IS NULL))::int AS "callsWithoutUsage"
       FROM spans
      WHERE project_id = $1 AND model IS NOT NULL AND start_time >= $2 AND start_time < $3
        -- LLM calls, and any other span that carried tokens (so model totals add up to the
        -- run totals); an agent span that merely names its model is not a call.
        AND (type = 'llm' OR coalesce(input_tokens, 0) + coalesce(output_tokens, 0) > 0)
      GROUP BY model
      ORDER BY "costUsd" DESC, calls DESC, model
      LIMIT $4`,
    [projectId, q.from, q.to, limit],
  );
  if (r.rows.length === 0) return [];
  const runs = await pool.query<{ model: string; runs: number }>(
    `SELECT m AS model, count(*)::int AS runs
       FROM traces, unnest(models) AS m
      WHERE project_id = $1 AND start_time >= $2 AND start_time < $3 AND m = ANY($4::text[])
      GROUP BY m`,
    [projectId, q.from, q.to, r.rows.map((m) => m.model)],
  );
  const byModel = new Map(runs.rows.map((x) => [x.model, x.runs]));
  return r.rows.map((m) => ({ ...m, runs: byModel.get(m.model) ?? 0 }));
}

/** The most expensive runs that started in the range. */
async function loadCostliestRuns(pool: Pool, projectId: string, q: DashboardQuery, limit: number): Promise<RunSummary[]> {
  const r = await pool.query(
    `SELECT ${RUN_COLUMNS} FROM traces
      WHERE project_id = $1 AND start_time >= $2 AND start_time < $3 AND cost_usd > 0
      ORDER BY cost_usd DESC, trace_id
      LIMIT $4`,
    [projectId, q.from, q.to, limit],
  );
  return r.rows.map(toRunSummary);
}

/** Runs with loops, newest first, with the waste their cached analysis measured. */
async function loadLoopRuns(pool: Pool, projectId: string, q: DashboardQuery, limit: number): Promise<LoopRun[]> {
  const r = await pool.query(
    // RUN_COLUMNS is unqualified: only \`traces\` has those names in this scope.
    `SELECT ${RUN_COLUMNS}, w.wasted_tokens, w.wasted_cost, w.kinds
       FROM traces t
       LEFT JOIN LATERAL (
         SELECT sum((l->>'wastedTokens')::float8) AS wasted_tokens,
                sum((l->>'wastedCostUsd')::float8) AS wasted_cost,
                array_agg(DISTINCT l->>'kind') FILTER (WHERE l->>'kind' IS NOT NULL) AS kinds
           FROM trace_analyses a
           CROSS JOIN LATERAL jsonb_array_elements(
             CASE WHEN jsonb_typeof(a.result->'loops') = 'array' THEN a.result->'loops' ELSE '[]'::jsonb END) AS l
          WHERE a.project_id = t.project_id AND a.trace_id = t.trace_id
       ) w ON true
      WHERE t.project_id = $1 AND t.start_time >= $2 AND t.start_time < $3 AND t.loop_count > 0
      ORDER BY t.start_time DESC, t.trace_id
      LIMIT $4`,
    [projectId, q.from, q.to, limit],
  );
  return r.rows.map(({ wasted_tokens, wasted_cost, kinds, ...row }) => ({
    run: toRunSummary(row),
    wastedTokens: wasted_tokens === null ? null : Number(wasted_tokens),
    wastedCostUsd: wasted_cost === null ? null : Number(wasted_cost),
    kinds: (kinds as string[] | null) ?? [],
  }));
}

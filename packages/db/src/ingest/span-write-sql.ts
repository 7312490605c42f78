/**
 * The SQL of one group-commit flush, two ways:
 *  - direct (the common case): COPY straight into `spans`, then one upsert per touched
 *    run from the requests' summaries, merged (trace-summaries.ts); a re-sent span makes
 *    the COPY fail on the primary key, and the flush is redone the staged way;
 *  - staged: COPY into a per-connection staging table, then one statement that inserts
 *    the new spans (ON CONFLICT DO NOTHING: idempotent on (project, trace, span,
 *    start)) and folds exactly those new rows into the per-run summaries.
 * Both fold only new rows, so totals never double-count a re-sent span, and both use
 * the same upsert (UPSERT_FROM_AGG) so a run's summary is the same whichever ran.
 */
import { INDEXED_TEXT_CHARS, SPAN_COLUMNS } from "./span-columns";

const cols = SPAN_COLUMNS.map((c) => `"${c}"`).join(", ");

/** COPY statement writing straight into the partitioned spans table. */
export const COPY_SPANS = `COPY spans (${cols}) FROM STDIN`;

/**
 * Stores content bodies ($1: JSON array of {p: project, b: bucket, h: hash, v: body})
 * that are not stored yet, in key order so concurrent flushes wait on each other in the
 * same order.
 */
export const INSERT_CONTENTS = `INSERT INTO span_contents (project_id, bucket, hash, body)
  SELECT p, b, h, v FROM json_to_recordset($1::json) AS x(p text, b timestamptz, h text, v text) ORDER BY p, h, b
  ON CONFLICT DO NOTHING`;

/**
 * Which of the content keys $1 (JSON array of {p: project, b: bucket, h: hash}) are
 * stored, given back as sent (the bucket as the ISO text the writer built).
 */
export const STORED_CONTENT_KEYS = `SELECT x.p, x.b, x.h
  FROM json_to_recordset($1::json) AS x(p text, b text, h text)
  JOIN span_contents c ON c.project_id = x.p AND c.hash = x.h AND c.bucket = x.b::timestamptz`;

/** Creates the staging table on this connection if it is not there yet. */
export const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS span_stage (LIKE spans INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`;

/** COPY statement feeding the staging table. */
export const COPY_STAGE = `COPY span_stage (${cols}) FROM STDIN`;

/**
 * Folds the CTE `agg` (one row per run touched: counts and sums over the new spans,
 * LLM spans without usage counted apart, root and first span names, first non-null service/session/user/task, models) into
 * `traces`; indexed text is cut to INDEXED_TEXT_CHARS; rows are taken in key order so
 * concurrent flushes lock runs in the same order.
 */
const UPSERT_FROM_AGG = `  INSERT INTO traces AS t (project_id, trace_id, name, root_span_id, status, start_time, end_time, span_count,
    error_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd,
    unpriced_spans, llm_spans_without_usage, service_name, session_id, user_id, task, models, updated_at)
  SELECT project_id, trace_id, left(coalesce(root_name, first_name), ${INDEXED_TEXT_CHARS}), root_span_id,
    CASE WHEN root_status IS NULL THEN 'unset' WHEN root_status = 'error' THEN 'error' ELSE 'ok' END,
    start_time, end_time, span_count, error_count, input_tokens, output_tokens, cache_read_tokens,
    cache_write_tokens, reasoning_tokens, cost_usd, unpriced_spans, llm_spans_without_usage, service_name,
    left(session_id, ${INDEXED_TEXT_CHARS}), left(user_id, ${INDEXED_TEXT_CHARS}), left(task, ${INDEXED_TEXT_CHARS}), models, now()
  FROM agg ORDER BY project_id, trace_id
  ON CONFLICT (project_id, trace_id) DO UPDATE SET
    name = CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.name
                WHEN t.root_span_id IS NULL THEN coalesce(t.name, excluded.name) ELSE t.name END,
    root_span_id = coalesce(excluded.root_span_id, t.root_span_id),
    status = CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.status ELSE t.status END,
    start_time = least(t.start_time, excluded.start_time),
    end_time = greatest(t.end_time, excluded.end_time),
    span_count = t.span_count + excluded.span_count,
    error_count = t.error_count + excluded.error_count,
    input_tokens = t.input_tokens + excluded.input_tokens,
    output_tokens = t.output_tokens + excluded.output_tokens,
    cache_read_tokens = t.cache_read_tokens + excluded.cache_read_tokens,
    cache_write_tokens = t.cache_write_tokens + excluded.cache_write_tokens,
    reasoning_tokens = t.reasoning_tokens + excluded.reasoning_tokens,
    cost_usd = t.cost_usd + excluded.cost_usd,
    unpriced_spans = t.unpriced_spans + excluded.unpriced_spans,
    llm_spans_without_usage = t.llm_spans_without_usage + excluded.llm_spans_without_usage,
    service_name = coalesce(t.service_name, excluded.service_name),
    session_id = coalesce(t.session_id, excluded.session_id),
    user_id = coalesce(t.user_id, excluded.user_id),
    task = coalesce(CASE WHEN excluded.root_span_id IS NOT NULL THEN excluded.task END, t.task, excluded.task),
    models = ARRAY(SELECT DISTINCT unnest(t.models || excluded.models) ORDER BY 1),
    updated_at = now()
  RETURNING t.project_id, t.trace_id, t.name, t.status, t.span_count, t.error_count, t.cost_usd,
            t.input_tokens, t.output_tokens, t.start_time, t.end_time, t.root_span_id, t.session_id, t.user_id`;

/**
 * Moves staged rows into spans and updates the run summaries. Returns one row:
 * `new_spans` (keys "project_id:trace_id:span_id" of rows actually inserted) and `traces` (the
 * updated summaries of the runs touched).
 */
export const MERGE_STAGE = `
WITH ins AS (
  INSERT INTO spans (${cols})
  SELECT ${cols} FROM span_stage
  ON CONFLICT DO NOTHING
  RETURNING project_id, trace_id, span_id, parent_span_id, name, type, start_time, end_time, status_code,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
            cost_usd, model, service_name, session_id, user_id, attributes->>'onset.task' AS task
), agg AS (
  SELECT project_id, trace_id,
    min(start_time) AS start_time, max(end_time) AS end_time,
    count(*)::int AS span_count,
    (count(*) FILTER (WHERE status_code = 'error'))::int AS error_count,
    coalesce(sum(input_tokens), 0) AS input_tokens,
    coalesce(sum(output_tokens), 0) AS output_tokens,
    coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,
    coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
    coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens,
    coalesce(sum(cost_usd), 0) AS cost_usd,
    (count(*) FILTER (WHERE cost_usd IS NULL AND model IS NOT NULL
       AND coalesce(input_tokens, 0) + coalesce(output_tokens, 0) > 0))::int AS unpriced_spans,
    (count(*) FILTER (WHERE type = 'llm' AND input_tokens IS NULL AND output_tokens IS NULL))::int AS llm_spans_without_usage,
    (array_agg(span_id) FILTER (WHERE parent_span_id IS NULL))[1] AS root_span_id,
    (array_agg(name) FILTER (WHERE parent_span_id IS NULL))[1] AS root_name,
    (array_agg(status_code) FILTER (WHERE parent_span_id IS NULL))[1] AS root_status,
    (array_agg(name ORDER BY start_time))[1] AS first_name,
    (array_agg(service_name) FILTER (WHERE service_name IS NOT NULL))[1] AS service_name,
    (array_agg(session_id) FILTER (WHERE session_id IS NOT NULL))[1] AS session_id,
    (array_agg(user_id) FILTER (WHERE user_id IS NOT NULL))[1] AS user_id,
    (array_agg(task ORDER BY (parent_span_id IS NULL) DESC) FILTER (WHERE task IS NOT NULL))[1] AS task,
    coalesce(array_agg(DISTINCT model) FILTER (WHERE model IS NOT NULL), '{}') AS models
  FROM ins GROUP BY project_id, trace_id
), up AS (
${UPSERT_FROM_AGG}
)
SELECT (SELECT coalesce(array_agg(project_id || ':' || trace_id || ':' || span_id), '{}') FROM ins) AS new_spans,
       (SELECT coalesce(json_agg(up), '[]') FROM up) AS traces`;


/**
 * Folds the summaries of a direct flush ($1: JSON array of AggRow, trace-summaries.ts)
 * into `traces`. Returns `traces`, the updated summaries of the runs touched.
 */
export const UPSERT_SUMMARIES = `
WITH agg AS (
  SELECT project_id, trace_id, start_time, end_time, span_count, error_count, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced_spans, llm_spans_without_usage,
    root_span_id, root_name, root_status, first_name, service_name, session_id, user_id, task,
    ARRAY(SELECT DISTINCT m FROM unnest(models) AS m ORDER BY 1) AS models
  FROM jsonb_to_recordset($1::jsonb) AS x(project_id text, trace_id text, start_time timestamptz, end_time timestamptz,
    span_count int, error_count int, input_tokens bigint, output_tokens bigint, cache_read_tokens bigint,
    cache_write_tokens bigint, reasoning_tokens bigint, cost_usd float8, unpriced_spans int,
    llm_spans_without_usage int, root_span_id text,
    root_name text, root_status text, first_name text, service_name text, session_id text, user_id text, task text,
    models text[])
), up AS (
${UPSERT_FROM_AGG}
)
SELECT coalesce(json_agg(up), '[]') AS traces FROM up`;

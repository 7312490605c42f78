/**
 * Span reads the run page needs without loading a whole run's content: one span in
 * full (the detail panel), and the small per-span facts (model, tool, tokens, cost)
 * the tree rows and the DAG filter read. A 10,000-span run's content is tens of MB;
 * its facts are a few hundred KB.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { Pool } from "pg";
import { resolveContent } from "./span-contents";
import { SPAN_RECORD_COLUMNS, SPAN_TIME_COLUMNS, toSpanRecord, type SpanRecord } from "./run-rows";

/** What the run page shows of every span besides the analysis tree. */
export interface SpanFacts {
  spanId: string;
  model: string | null;
  toolName: string | null;
  agentName: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

/** One span of a run in full, or null when the project's run has no such span. */
export async function getRunSpan(pool: Pool, projectId: string, traceId: string, spanId: string): Promise<SpanRecord | null> {
  const r = await pool.query(
    `SELECT ${SPAN_RECORD_COLUMNS}, ${SPAN_TIME_COLUMNS} FROM spans
      WHERE project_id = $1 AND trace_id = $2 AND span_id = $3 LIMIT 1`,
    [projectId, traceId, spanId],
  );
  await resolveContent(pool, projectId, r.rows);
  return r.rows[0] ? toSpanRecord(r.rows[0]) : null;
}

/** The facts of every span of a run, in start order (empty for an unknown run). */
export async function listRunSpanFacts(pool: Pool, projectId: string, traceId: string): Promise<SpanFacts[]> {
  const r = await pool.query<SpanFacts>(
    `SELECT span_id AS "spanId", model, tool_name AS "toolName", agent_name AS "agentName",
            input_tokens AS "inputTokens", output_tokens AS "outputTokens", cost_usd AS "costUsd"
       FROM spans WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, span_id`,
    [projectId, traceId],
  );
  return r.rows;
}

/**
 * A span as the run page's tree draws it before (or without) the analysis: identity,
 * parent, name, type, status and times (microsecond-exact epoch ms), no content.
 */
export interface OutlineSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  type: NormalizedSpan["type"];
  statusCode: NormalizedSpan["statusCode"];
  startTimeMs: number;
  endTimeMs: number;
}

/**
 * A run's content-free listing in one query: every span's outline and its facts, in
 * start order (both empty for an unknown run). The run page draws its tree from this
 * while the analysis, which reads every span's content, is computed or fetched.
 */
export async function listRunOutline(pool: Pool, projectId: string, traceId: string): Promise<{ spans: OutlineSpan[]; facts: SpanFacts[] }> {
  const r = await pool.query<OutlineSpan & SpanFacts>(
    `SELECT span_id AS "spanId", parent_span_id AS "parentSpanId", name, type, status_code AS "statusCode",
            (extract(epoch FROM start_time) * 1000)::float8 AS "startTimeMs", (extract(epoch FROM end_time) * 1000)::float8 AS "endTimeMs",
            model, tool_name AS "toolName", agent_name AS "agentName",
            input_tokens AS "inputTokens", output_tokens AS "outputTokens", cost_usd AS "costUsd"
       FROM spans WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, span_id`,
    [projectId, traceId],
  );
  const spans: OutlineSpan[] = [];
  const facts: SpanFacts[] = [];
  for (const row of r.rows) {
    spans.push({
      spanId: row.spanId,
      parentSpanId: row.parentSpanId,
      name: row.name,
      type: row.type,
      statusCode: row.statusCode,
      startTimeMs: row.startTimeMs,
      endTimeMs: row.endTimeMs,
    });
    facts.push({
      spanId: row.spanId,
      model: row.model,
      toolName: row.toolName,
      agentName: row.agentName,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      costUsd: row.costUsd,
    });
  }
  return { spans, facts };
}

/** What {@link searchRunSpans} answers. */
export interface SpanSearchResult {
  /** Matching span ids in start order. */
  spanIds: string[];
  /** More spans matched than `limit`. */
  truncated: boolean;
}

/** `text` as a literal ILIKE pattern (its %, _ and \ escaped), matching anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Spans of a run whose name, input, output, tool call (arguments and result), error or
 * status message contain `text` (case-insensitive), in start order, at most `limit`.
 * Runs in the database so the page never holds a long run's content. Content moved to the
 * content store (docs/adr/0008-content-store.md) is searched there: the messages and
 * chunks the span references for those columns (a match straddling two chunks of one
 * long value, 2 KB or more apart from its start, is not found). A tool span's input and
 * output derived from its call (ingest/tool-content.ts) are searched in its tool column.
 */
export async function searchRunSpans(pool: Pool, projectId: string, traceId: string, text: string, limit = 1000): Promise<SpanSearchResult> {
  const r = await pool.query<{ spanId: string }>(
    `SELECT span_id AS "spanId" FROM spans
      WHERE project_id = $1 AND trace_id = $2
        AND (name ILIKE $3 OR status_message ILIKE $3 OR tool::text ILIKE $3 OR error::text ILIKE $3
             -- 0 marks content derived from the tool call (ingest/tool-content.ts), searched in tool
             OR (input::text ILIKE $3 AND input <> '0') OR (output::text ILIKE $3 AND output <> '0')
             OR (content_refs IS NOT NULL AND EXISTS (
               SELECT 1 FROM span_contents c
                WHERE c.project_id = $1 AND c.body ILIKE $3 AND c.hash IN (
                  SELECT jsonb_array_elements_text(coalesce(content_refs->'in', '[]') || coalesce(content_refs->'out', '[]')
                    || coalesce(content_refs->'c'->'input', '[]') || coalesce(content_refs->'c'->'output', '[]')
                    || coalesce(content_refs->'c'->'tool', '[]') || coalesce(content_refs->'c'->'error', '[]'))))))
      ORDER BY start_time, span_id LIMIT $4`,
    [projectId, traceId, containsPattern(text), limit + 1],
  );
  const ids = r.rows.map((row) => row.spanId);
  return { spanIds: ids.slice(0, limit), truncated: ids.length > limit };
}

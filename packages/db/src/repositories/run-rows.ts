/** Row shapes of the runs read path and their mapping to the public API. */
import { isoMicros } from "../ingest/span-columns";
import type { NormalizedSpan, SpanContent, SpanError, SpanEvent, ToolInvocation, Attributes } from "@onset/otlp";

/** A run as the public API returns it (GET /api/v1/runs). */
export interface RunSummary {
  traceId: string;
  name: string | null;
  status: string;
  startTime: string;
  endTime: string;
  durationMs: number;
  spanCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  unpricedSpans: number;
  /**
   * LLM spans that reported no token usage: the token and cost totals leave them out, so
   * with any such span they are lower bounds, and with no usage at all they are unknown.
   */
  llmSpansWithoutUsage: number;
  serviceName: string | null;
  sessionId: string | null;
  userId: string | null;
  task: string | null;
  models: string[];
  rootSpanId: string | null;
  onsetSpanId: string | null;
  loopCount: number;
  /** Cost findings of the run's last analysis (runaway context, cost many times comparable runs'): the list's cost badge. */
  costFindingCount: number;
}

/** SQL select list producing {@link RunSummary} column names from `traces`. */
export const RUN_COLUMNS = `trace_id AS "traceId", name, status, start_time AS "startTime", end_time AS "endTime",
  (extract(epoch FROM end_time - start_time) * 1000)::float8 AS "durationMs", span_count AS "spanCount",
  error_count AS "errorCount", input_tokens AS "inputTokens", output_tokens AS "outputTokens",
  cache_read_tokens AS "cacheReadTokens", cache_write_tokens AS "cacheWriteTokens", reasoning_tokens AS "reasoningTokens",
  cost_usd AS "costUsd", unpriced_spans AS "unpricedSpans",
  llm_spans_without_usage AS "llmSpansWithoutUsage", service_name AS "serviceName", session_id AS "sessionId",
  user_id AS "userId", task, models, root_span_id AS "rootSpanId", onset_span_id AS "onsetSpanId", loop_count AS "loopCount",
  cost_finding_count AS "costFindingCount"`;

/** Normalizes driver values (Date -> ISO string) in a run row. */
export function toRunSummary(row: Record<string, unknown>): RunSummary {
  const r = row as unknown as RunSummary & { startTime: Date | string; endTime: Date | string };
  return {
    ...r,
    startTime: toIso(r.startTime),
    endTime: toIso(r.endTime),
    durationMs: Math.max(0, Math.round(Number(r.durationMs) * 1000) / 1000),
    models: r.models ?? [],
  };
}

/** A stored span as the public API returns it. */
export interface SpanRecord {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  type: string;
  startTime: string;
  endTime: string;
  durationMs: number;
  status: string;
  statusMessage: string | null;
  model: string | null;
  provider: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  costSource: string | null;
  toolName: string | null;
  agentName: string | null;
  sessionId: string | null;
  userId: string | null;
  conversationId: string | null;
  mapper: string;
  serviceName: string | null;
  scopeName: string | null;
  scopeVersion: string | null;
  input: SpanContent | null;
  output: SpanContent | null;
  tool: ToolInvocation | null;
  error: SpanError | null;
  attributes: Attributes;
  events: SpanEvent[];
  resource: Attributes;
}

/**
 * SQL select list producing {@link SpanRecord} column names from `spans`, plus
 * `contentRefs`, which span-contents.ts `resolveContent` turns back into content (call it
 * on the rows before mapping them).
 */
export const SPAN_RECORD_COLUMNS = `span_id AS "spanId", parent_span_id AS "parentSpanId", name, kind, type,
  start_time AS "startTime", end_time AS "endTime", status_code AS status, status_message AS "statusMessage",
  model, provider, input_tokens AS "inputTokens", output_tokens AS "outputTokens",
  cache_read_tokens AS "cacheReadTokens", cache_write_tokens AS "cacheWriteTokens", reasoning_tokens AS "reasoningTokens",
  cost_usd AS "costUsd", cost_source AS "costSource", tool_name AS "toolName", agent_name AS "agentName",
  session_id AS "sessionId", user_id AS "userId", conversation_id AS "conversationId", mapper,
  service_name AS "serviceName", scope_name AS "scopeName", scope_version AS "scopeVersion",
  input, output, tool, error, attributes, events, resource, content_refs AS "contentRefs"`;

/** Microsecond-exact epoch ms of a timestamptz read as text (pg's Date keeps only ms). */
export const SPAN_TIME_COLUMNS = `(extract(epoch FROM start_time) * 1000)::float8 AS "startMs",
  (extract(epoch FROM end_time) * 1000)::float8 AS "endMs"`;

/** Maps a span row (with SPAN_TIME_COLUMNS) to the public record. */
export function toSpanRecord(row: Record<string, unknown>): SpanRecord {
  const r = row as unknown as SpanRecord & { startMs: number; endMs: number };
  const { startMs, endMs, ...rest } = r;
  return {
    ...rest,
    startTime: isoMicros(startMs),
    endTime: isoMicros(endMs),
    durationMs: Math.round((endMs - startMs) * 1000) / 1000,
  };
}

/** Rebuilds the normalized span from a stored row (for analysis and diff). */
export function toNormalizedSpan(traceId: string, row: Record<string, unknown>): NormalizedSpan {
  const r = row as unknown as SpanRecord & { startMs: number; endMs: number };
  return {
    traceId,
    spanId: r.spanId,
    parentSpanId: r.parentSpanId,
    name: r.name,
    kind: r.kind,
    startTimeMs: r.startMs,
    endTimeMs: r.endMs,
    statusCode: r.status as NormalizedSpan["statusCode"],
    statusMessage: r.statusMessage,
    type: r.type as NormalizedSpan["type"],
    model: r.model,
    provider: r.provider,
    input: r.input,
    output: r.output,
    usage: {
      input: r.inputTokens,
      output: r.outputTokens,
      cacheRead: r.cacheReadTokens,
      cacheWrite: r.cacheWriteTokens,
      reasoning: r.reasoningTokens,
    },
    costUsd: r.costUsd,
    costSource: r.costSource as NormalizedSpan["costSource"],
    tool: r.tool,
    error: r.error,
    sessionId: r.sessionId,
    userId: r.userId,
    conversationId: r.conversationId,
    agentName: r.agentName,
    mapper: r.mapper,
    serviceName: r.serviceName,
    scopeName: r.scopeName,
    scopeVersion: r.scopeVersion,
    attributes: r.attributes ?? {},
    events: r.events ?? [],
    resourceAttributes: r.resource ?? {},
  };
}

function toIso(v: Date | string): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}


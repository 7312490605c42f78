/**
 * The one place log records are applied to a span (issue 16): GenAI events fill the
 * span's input and output, other records with the span's context become span events.
 * Both arrival orders end here: the log path (log-records.ts) calls it for the spans its
 * records name, the span path (ingest/span-writer.ts) for new spans that have records
 * waiting. It recomputes from every stored record of the span, so it is idempotent and
 * a late record (a choice after the prompt) completes what an earlier join started.
 *
 * Rules: content the records carry replaces the span's own (they are the sender's
 * content channel: @opentelemetry/instrumentation-openai puts none on the span); a
 * part the records do not carry keeps the span's value. Span events from records carry
 * `onset.log_record` and are replaced, never duplicated, on a re-join.
 *
 * Runs inside the caller's transaction, under LOG_JOIN_LOCK (see lockForLogJoin).
 */
import { LOG_EVENT_MARKER, spanContentFromLogs, type AttrValue, type NormalizedSpan, type SpanEvent, type SpanLogRecord } from "@onset/otlp";
import type { PoolClient } from "pg";
import { jsonbText } from "../ingest/copy-text";
import { insertContents } from "../ingest/span-commit";
import { ContentBatch, externalizeSpan, replaceContentRefs, type ContentRefs } from "../ingest/span-content-refs";
import { resolveContent } from "./span-contents";

/** A span addressed within a project. */
export interface SpanKey {
  traceId: string;
  spanId: string;
}

/**
 * Advisory lock key serializing joins against span commits: span flushes take it shared
 * just before they look for waiting records, a log export takes it exclusive before it
 * looks for stored spans, so of two concurrent transactions the later one always sees
 * the other's rows (READ COMMITTED takes a new snapshot per statement).
 */
const LOG_JOIN_LOCK = 0x0115e7_16;

/** Takes the join lock for this transaction: shared on the span path, exclusive on the log path. */
export async function lockForLogJoin(client: PoolClient, mode: "shared" | "exclusive"): Promise<void> {
  await client.query(mode === "shared" ? "SELECT pg_advisory_xact_lock_shared($1)" : "SELECT pg_advisory_xact_lock($1)", [LOG_JOIN_LOCK]);
}

interface LogRow {
  trace_id: string;
  span_id: string;
  time_ms: number;
  event_name: string | null;
  severity_text: string | null;
  severity_number: number | null;
  body: AttrValue;
  attributes: Record<string, AttrValue>;
}

interface SpanRow {
  trace_id: string;
  span_id: string;
  start_time: Date;
  input: unknown;
  output: unknown;
  events: SpanEvent[] | null;
  contentRefs?: ContentRefs | null;
}

const keyOf = (traceId: string, spanId: string) => `${traceId}:${spanId}`;

/** What a join changed: how many spans, and the runs they belong to. */
export interface LogJoinResult {
  spans: number;
  traceIds: string[];
}

const NOTHING_JOINED: LogJoinResult = { spans: 0, traceIds: [] };

/**
 * Applies the stored log records of `keys` to those spans of `projectId` that are
 * stored, and marks their records applied. Returns how many spans changed, and their runs.
 */
export async function applyLogRecordsToSpans(client: PoolClient, projectId: string, keys: readonly SpanKey[]): Promise<LogJoinResult> {
  if (keys.length === 0) return NOTHING_JOINED;
  const traces = keys.map((k) => k.traceId);
  const spans = keys.map((k) => k.spanId);
  const spanRows = await client.query<SpanRow>(
    `SELECT s.trace_id, s.span_id, s.start_time, s.input, s.output, s.events, s.tool, s.content_refs AS "contentRefs"
       FROM spans s JOIN unnest($2::text[], $3::text[]) AS k(trace_id, span_id)
         ON s.trace_id = k.trace_id AND s.span_id = k.span_id
      WHERE s.project_id = $1`,
    [projectId, traces, spans],
  );
  if (spanRows.rows.length === 0) return NOTHING_JOINED;
  const found = spanRows.rows;
  // The span's content as sent (the content store's references resolved); the refs of
  // the columns this join does not write are kept as they are.
  const refsBefore = new Map(found.map((s) => [keyOf(s.trace_id, s.span_id), s.contentRefs ?? null]));
  await resolveContent(client, projectId, found as unknown as Record<string, unknown>[]);
  const logRows = await client.query<LogRow>(
    `SELECT l.trace_id, l.span_id, extract(epoch FROM l.time)::float8 * 1000 AS time_ms, l.event_name,
            l.severity_text, l.severity_number, l.body, l.attributes
       FROM log_records l JOIN unnest($2::text[], $3::text[]) AS k(trace_id, span_id)
         ON l.trace_id = k.trace_id AND l.span_id = k.span_id
      WHERE l.project_id = $1
      ORDER BY l.time, l.id`,
    [projectId, found.map((s) => s.trace_id), found.map((s) => s.span_id)],
  );
  const bySpan = new Map<string, SpanLogRecord[]>();
  for (const r of logRows.rows) {
    const k = keyOf(r.trace_id, r.span_id);
    const list = bySpan.get(k) ?? [];
    list.push({
      eventName: r.event_name,
      timeMs: r.time_ms,
      severityText: r.severity_text,
      severityNumber: r.severity_number,
      body: r.body,
      attributes: r.attributes ?? {},
    });
    bySpan.set(k, list);
  }
  const contents = new ContentBatch();
  const updates: { trace_id: string; span_id: string; start_time: string; input: string | null; output: string | null; events: string; content_refs: ContentRefs | null }[] = [];
  for (const s of found) {
    const records = bySpan.get(keyOf(s.trace_id, s.span_id));
    if (!records) continue;
    const content = spanContentFromLogs(records);
    const own = (s.events ?? []).filter((e) => e.attributes?.[LOG_EVENT_MARKER] !== true);
    const events = [...own, ...content.events].sort((a, b) => a.timeMs - b.timeMs);
    // Written through the content store like the span path writes (span-content-refs.ts).
    const stored = externalizeSpan(
      projectId,
      { input: content.input ?? s.input, output: content.output ?? s.output, events, tool: null, error: null, attributes: {}, startTimeMs: s.start_time.getTime() } as unknown as NormalizedSpan,
      contents,
    );
    updates.push({
      trace_id: s.trace_id,
      span_id: s.span_id,
      start_time: s.start_time.toISOString(),
      input: stored.input,
      output: stored.output,
      events: stored.events,
      content_refs: replaceContentRefs(refsBefore.get(keyOf(s.trace_id, s.span_id)) ?? null, stored.refs, ["input", "output", "events"]),
    });
  }
  if (updates.length === 0) return NOTHING_JOINED;
  // start_time is in the primary key: naming it lets Postgres touch one partition.
  await insertContents(client, contents);
  await client.query(
    `UPDATE spans s SET input = u.input::jsonb, output = u.output::jsonb, events = u.events::jsonb, content_refs = u.content_refs
       FROM jsonb_to_recordset($2::jsonb) AS u(trace_id text, span_id text, start_time timestamptz, input text, output text, events text, content_refs jsonb)
      WHERE s.project_id = $1 AND s.trace_id = u.trace_id AND s.span_id = u.span_id AND s.start_time = u.start_time`,
    [projectId, jsonbText(updates)],
  );
  await client.query(
    `UPDATE log_records l SET span_applied = true
       FROM unnest($2::text[], $3::text[]) AS k(trace_id, span_id)
      WHERE l.project_id = $1 AND l.trace_id = k.trace_id AND l.span_id = k.span_id AND NOT l.span_applied`,
    [projectId, updates.map((u) => u.trace_id), updates.map((u) => u.span_id)],
  );
  return { spans: updates.length, traceIds: [...new Set(updates.map((u) => u.trace_id))] };
}

/**
 * On the span path: applies records that were waiting for any of `batch`'s new spans.
 * One indexed lookup per flush; nothing else runs when no record waits.
 */
export async function joinWaitingLogRecords(client: PoolClient, batch: readonly { projectId: string; spans: readonly SpanKey[] }[]): Promise<number> {
  const projects = new Set<string>();
  const traceIds = new Set<string>();
  for (const p of batch) {
    projects.add(p.projectId);
    for (const s of p.spans) traceIds.add(s.traceId);
  }
  if (traceIds.size === 0) return 0;
  await lockForLogJoin(client, "shared");
  const waiting = await client.query<{ project_id: string; trace_id: string; span_id: string }>(
    `SELECT DISTINCT project_id, trace_id, span_id FROM log_records
      WHERE project_id = ANY($1::text[]) AND trace_id = ANY($2::text[]) AND span_id IS NOT NULL AND NOT span_applied`,
    [[...projects], [...traceIds]],
  );
  if (waiting.rows.length === 0) return 0;
  const inBatch = new Set<string>();
  for (const p of batch) for (const s of p.spans) inBatch.add(`${p.projectId}:${s.traceId}:${s.spanId}`);
  const byProject = new Map<string, SpanKey[]>();
  for (const w of waiting.rows) {
    if (!inBatch.has(`${w.project_id}:${w.trace_id}:${w.span_id}`)) continue;
    const list = byProject.get(w.project_id) ?? [];
    list.push({ traceId: w.trace_id, spanId: w.span_id });
    byProject.set(w.project_id, list);
  }
  let applied = 0;
  for (const [projectId, keys] of byProject) applied += (await applyLogRecordsToSpans(client, projectId, keys)).spans;
  return applied;
}

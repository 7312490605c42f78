/**
 * The span columns the ingest path writes, in COPY order, and the conversion of a
 * normalized span (already priced) into one COPY text row.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { copyField, jsonbCopyField, jsonTextCopyField } from "./copy-text";
import { externalizeSpan, type ContentBatch } from "./span-content-refs";

/** Columns of `spans` (and the staging table) in COPY order. */
export const SPAN_COLUMNS = [
  "project_id",
  "trace_id",
  "span_id",
  "parent_span_id",
  "name",
  "kind",
  "type",
  "start_time",
  "end_time",
  "status_code",
  "status_message",
  "model",
  "provider",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_usd",
  "cost_source",
  "tool_name",
  "agent_name",
  "session_id",
  "user_id",
  "conversation_id",
  "mapper",
  "service_name",
  "scope_name",
  "scope_version",
  "input",
  "output",
  "tool",
  "error",
  "attributes",
  "events",
  "resource",
  "content_refs",
] as const;

/** Whole milliseconds and the microseconds past them (a fraction rounding up to 1000 carries). */
function splitMicros(ms: number): [whole: number, micros: number] {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  return micros === 1000 ? [whole + 1, 0] : [whole, micros];
}

/** Epoch milliseconds (fractional) to an ISO timestamp with microseconds. */
export function isoMicros(ms: number): string {
  const [whole, micros] = splitMicros(ms);
  const iso = new Date(whole).toISOString(); // ...sss Z
  return micros > 0 ? `${iso.slice(0, -1)}${String(micros).padStart(3, "0")}Z` : iso;
}

// "YYYY-MM-DDTHH:MM:SS" per epoch second: spans of a batch share few seconds, and
// Date#toISOString was the costliest part of building a row.
const secondPrefixes = new Map<number, string>();

/** The same instant as isoMicros, always with six fractional digits, for COPY. */
export function copyTimestamp(ms: number): string {
  const [whole, micros] = splitMicros(ms);
  const sec = Math.floor(whole / 1000);
  let prefix = secondPrefixes.get(sec);
  if (prefix === undefined) {
    const iso = new Date(sec * 1000).toISOString(); // throws for times Date cannot hold
    prefix = iso.slice(0, -5); // drop ".000Z"
    if (secondPrefixes.size >= 4096) secondPrefixes.clear();
    secondPrefixes.set(sec, prefix);
  }
  return `${prefix}.${String(1_000_000 + (whole - sec * 1000) * 1000 + micros).slice(1)}Z`;
}

/**
 * Longest client-supplied text kept in an indexed column (spans.model; traces.name,
 * session_id, user_id, task). A btree index row is at most 2704 bytes (a third of an
 * 8 KB page) and Postgres refuses the whole row past it; 600 characters are at most
 * 2400 bytes of UTF-8, leaving room for the other key columns. The span row keeps the
 * full text in its attributes (and its name, which is not indexed).
 */
export const INDEXED_TEXT_CHARS = 600;

/** `v` cut to INDEXED_TEXT_CHARS characters. */
export function indexedText(v: string | null): string | null {
  return v !== null && v.length > INDEXED_TEXT_CHARS ? v.slice(0, INDEXED_TEXT_CHARS) : v;
}

/**
 * A value for an INTEGER column, or null when it is not a 32-bit integer. Token counts
 * come from clients (a buggy SDK sends 2^53 or 1.5); Postgres would refuse the row and
 * with it the whole group-commit transaction, so such a count is stored as unknown.
 */
export function int4(v: number | null): number | null {
  return v !== null && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? v : null;
}

/** The task id a run declares (its root span's onset.task or gen_ai/OpenInference metadata). */
export function taskOf(span: NormalizedSpan): string | null {
  const v = span.attributes["onset.task"] ?? span.attributes["task.id"] ?? span.attributes["metadata.task"];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
}

// Resource attributes are one object shared by every span of a ResourceSpans.
const resourceJson = new WeakMap<object, string>();

function resourceField(attrs: NormalizedSpan["resourceAttributes"]): string {
  let json = resourceJson.get(attrs);
  if (json === undefined) {
    json = jsonbCopyField(attrs);
    resourceJson.set(attrs, json);
  }
  return json;
}

/**
 * One COPY row for `span` in `projectId`, columns in SPAN_COLUMNS order; its messages
 * and long strings go to `contents` and the row keeps references (span-content-refs.ts).
 * Built as one string without an intermediate array: this runs once per span on the
 * ingest path.
 */
export function spanCopyRow(projectId: string, s: NormalizedSpan, contents: ContentBatch): string {
  const u = s.usage;
  const c = externalizeSpan(projectId, s, contents);
  return (
    `${copyField(projectId)}\t${copyField(s.traceId)}\t${copyField(s.spanId)}\t${copyField(s.parentSpanId)}\t` +
    `${copyField(s.name)}\t${int4(s.kind) ?? 0}\t${copyField(s.type)}\t` +
    `${copyTimestamp(s.startTimeMs)}\t${copyTimestamp(Math.max(s.endTimeMs, s.startTimeMs))}\t` +
    `${copyField(s.statusCode)}\t${copyField(s.statusMessage)}\t${copyField(indexedText(s.model))}\t${copyField(s.provider)}\t` +
    `${copyField(int4(u.input))}\t${copyField(int4(u.output))}\t${copyField(int4(u.cacheRead))}\t` +
    `${copyField(int4(u.cacheWrite))}\t${copyField(int4(u.reasoning))}\t` +
    `${copyField(s.costUsd)}\t${copyField(s.costSource)}\t${copyField(s.tool?.name ?? null)}\t${copyField(s.agentName)}\t` +
    `${copyField(s.sessionId)}\t${copyField(s.userId)}\t${copyField(s.conversationId)}\t${copyField(s.mapper)}\t` +
    `${copyField(s.serviceName)}\t${copyField(s.scopeName)}\t${copyField(s.scopeVersion)}\t` +
    `${jsonTextCopyField(c.input)}\t${jsonTextCopyField(c.output)}\t${jsonTextCopyField(c.tool)}\t${jsonTextCopyField(c.error)}\t` +
    `${jsonTextCopyField(c.attributes)}\t${jsonTextCopyField(c.events)}\t` +
    `${s.resourceAttributes ? resourceField(s.resourceAttributes) : "{}"}\t${jsonbCopyField(c.refs)}\n`
  );
}

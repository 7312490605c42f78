import { setAttribute } from "../common/attributes";
import { genAiInput, genAiOutput } from "../mappers/otel-genai-content";
import { isRecord } from "../normalize/attribute-values";
import type { AttrValue, Attributes, SpanContent, SpanEvent } from "../normalized-span";

/**
 * What log records say about the span they carry the context of (OTel GenAI events,
 * https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-events/):
 * - the current `gen_ai.client.inference.operation.details` event holds the prompt and
 *   completion in its attributes (gen_ai.input.messages, gen_ai.output.messages,
 *   gen_ai.system_instructions: the "parts" shape);
 * - the older per-message events (v1.36 and before, still what
 *   @opentelemetry/instrumentation-openai sends for chat completions)
 *   gen_ai.{system,user,assistant,tool}.message and gen_ai.choice hold one message each
 *   in the body ({content, tool_calls, id} / {index, finish_reason, message}).
 * Both become the span's input and output through the same readers the span-event
 * form goes through (mappers/otel-genai-content.ts). Any other record (an application
 * log line, gen_ai.evaluation.result, ...) becomes a span event.
 */

/** Event names whose records are the span's prompt or completion. */
export const GENAI_CONTENT_EVENTS: ReadonlySet<string> = new Set([
  "gen_ai.client.inference.operation.details",
  "gen_ai.system.message",
  "gen_ai.user.message",
  "gen_ai.assistant.message",
  "gen_ai.tool.message",
  "gen_ai.choice",
]);

/** Marks a span event that came from a log record (so a re-join replaces, never duplicates it). */
export const LOG_EVENT_MARKER = "onset.log_record";

/** The part of a stored log record the join reads. */
export interface SpanLogRecord {
  eventName: string | null;
  timeMs: number;
  severityText: string | null;
  severityNumber: number | null;
  body: AttrValue;
  attributes: Attributes;
}

/** What a span's log records give it: content (null when the records carry none) and events. */
export interface SpanLogContent {
  input: SpanContent | null;
  output: SpanContent | null;
  events: SpanEvent[];
}

/** True for a record that is a GenAI prompt/completion event. */
export function isGenAiContentRecord(record: Pick<SpanLogRecord, "eventName">): boolean {
  return record.eventName !== null && GENAI_CONTENT_EVENTS.has(record.eventName);
}

/** The record's attributes with an object body's fields laid over them (a string body as `content`). */
function eventAttributes(record: SpanLogRecord): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(record.attributes)) setAttribute(out, k, v);
  if (isRecord(record.body)) for (const [k, v] of Object.entries(record.body)) setAttribute(out, k, v);
  else if (typeof record.body === "string") setAttribute(out, "content", record.body);
  return out;
}

/**
 * Content and events from the log records of one span, in the order given (time order).
 * Pure: the store decides what to do with a span's own content (repositories/span-log-join.ts).
 */
export function spanContentFromLogs(records: readonly SpanLogRecord[]): SpanLogContent {
  const messageEvents: SpanEvent[] = [];
  const details: Attributes = {};
  const events: SpanEvent[] = [];
  for (const record of records) {
    if (isGenAiContentRecord(record)) {
      const attributes = eventAttributes(record);
      if (record.eventName === "gen_ai.client.inference.operation.details") Object.assign(details, attributes);
      else messageEvents.push({ name: record.eventName!, timeMs: record.timeMs, attributes });
      continue;
    }
    const attributes: Attributes = { ...record.attributes, [LOG_EVENT_MARKER]: true };
    if (record.body !== null) setAttribute(attributes, "log.body", record.body);
    if (record.severityText) setAttribute(attributes, "log.severity", record.severityText);
    else if (record.severityNumber) setAttribute(attributes, "log.severity_number", record.severityNumber);
    events.push({ name: record.eventName ?? "log", timeMs: record.timeMs, attributes });
  }
  return { input: genAiInput(details, messageEvents), output: genAiOutput(details, messageEvents), events };
}

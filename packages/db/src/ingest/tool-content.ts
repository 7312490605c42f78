/**
 * A tool span's input and output, stored once. The mappers show a tool call's arguments
 * and result as the span's input and output when no convention set those
 * (@onset/otlp apply-mappers.ts), so the row would hold each text twice: in `tool` and
 * in `input`/`output`. When the content is exactly what reading derives again from the
 * tool call, the row holds the marker FROM_TOOL instead (no SpanContent is a number, and
 * the column stays non-null for SQL that asks `output IS NOT NULL`), and
 * repositories/span-contents.ts derives the content on read.
 */
import { contentFromValue, toolTextOf, type SpanContent } from "@onset/otlp";
import { jsonbText } from "./copy-text";

/** The jsonb text written in place of an input or output derived from the tool call. */
export const FROM_TOOL = "0";

/** The value a row reads back for FROM_TOOL (node-postgres parses jsonb 0 as a number). */
export const FROM_TOOL_VALUE = 0;

/**
 * True when `json` (the content's JSON as the row would store it) is what
 * {@link contentFromTool} gives for `value` (the tool call's arguments or result) read
 * back from the row. Only when neither needed the jsonb clean-up (a NUL or a lone
 * surrogate, copy-text.ts jsonbText): then the stored value and the derived content
 * are exactly those sent.
 */
export function derivedFromTool(json: string | null, value: string | null | undefined): boolean {
  if (json === null || value === null || value === undefined) return false;
  if (JSON.stringify(contentFromValue(value)) !== json) return false;
  return jsonbText(value) === JSON.stringify(value);
}

/**
 * Text from which neither JSON.stringify nor the jsonb clean-up can produce a NUL or a
 * surrogate escape: no NUL, no surrogate code unit, and no backslash-u (which JSON.parse
 * could turn into either).
 */
const MAY_NEED_CLEANUP = /[\u0000\ud800-\udfff]|\\u/;

/**
 * True when `content` is what the mappers derived from `value` (@onset/otlp toolTextOf:
 * the same text, still the tool call's) and that text cannot need the jsonb clean-up:
 * then {@link derivedFromTool} would say true for the content's JSON, which is left
 * unbuilt (it is not stored). False means "ask derivedFromTool", not "not derived".
 */
export function derivedFromToolText(content: SpanContent | null, value: string | null | undefined): boolean {
  if (content === null || value === null || value === undefined) return false;
  return toolTextOf(content) === value && !MAY_NEED_CLEANUP.test(value);
}

/** The content a tool call's arguments or result show as (what the mappers derive). */
export function contentFromTool(value: string | null | undefined): SpanContent | null {
  return contentFromValue(value ?? null);
}

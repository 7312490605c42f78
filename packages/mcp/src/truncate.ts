/** Cutting long text to a model-sized budget with a marker that says so. */

/** Span content above this many characters is cut (about 8 KB). */
export const SPAN_CONTENT_BUDGET = 8000;

/**
 * `text` itself when it fits in `max` characters; otherwise its first part and a marker
 * naming how much was left out, so a model never mistakes a cut value for the whole.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const dropped = text.length - max;
  return `${text.slice(0, max)}…[truncated: ${dropped} of ${text.length} characters omitted]`;
}

/** A value as compact JSON (strings as they are), or null for null/undefined. */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

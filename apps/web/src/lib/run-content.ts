/**
 * Span content made readable, as plain strings only: the detail panel renders every
 * result as React text (span content is untrusted; web brief), never as HTML.
 */

/** A value ready to show: pretty JSON when it parsed as JSON, else the text as sent. */
export interface Displayable {
  kind: "json" | "text";
  text: string;
}

/** Texts above this size are shown as sent: parsing and re-indenting megabytes stalls the page. */
const MAX_PRETTY_CHARS = 500_000;

/**
 * Pretty-prints a tool argument or result when it is a JSON object or array (a bare
 * number or quoted string is left as text: re-indenting it gains nothing).
 */
export function prettyContent(value: string | null | undefined): Displayable | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length <= MAX_PRETTY_CHARS && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
    try {
      return { kind: "json", text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // Not JSON after all (e.g. "[INFO] ..."): show the text.
    }
  }
  return { kind: "text", text: value };
}

/** A value parsed for the JSON tree view: an object or array, or the text as sent. */
export type ParsedContent = { kind: "json"; value: unknown } | { kind: "text"; text: string };

/** Parses a tool argument or result (or an attribute) that is a JSON object or array; anything else stays text. */
export function parseContent(value: string): ParsedContent {
  const trimmed = value.trim();
  if (trimmed.length <= MAX_PRETTY_CHARS && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
    try {
      return { kind: "json", value: JSON.parse(trimmed) as unknown };
    } catch {
      // Not JSON after all: show the text.
    }
  }
  return { kind: "text", text: value };
}

/** Attribute keys that repeat what the detail pane shows above (tool call, input, output), given those texts. */
export function repeatedAttributeKeys(attrs: Record<string, unknown>, shown: (string | null | undefined)[]): Set<string> {
  const texts = new Set(shown.filter((t): t is string => typeof t === "string" && t.trim().length > 0).map((t) => t.trim()));
  const out = new Set<string>();
  for (const [k, v] of Object.entries(attrs)) if (typeof v === "string" && v.trim().length > 0 && texts.has(v.trim())) out.add(k);
  return out;
}

/** An attribute value as one readable string (objects and arrays as compact JSON). */
export function attributeText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Attributes sorted by key, for a stable, scannable table. */
export function sortedAttributes(attrs: Record<string, unknown> | null | undefined): [string, string][] {
  return Object.entries(attrs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, attributeText(v)]);
}

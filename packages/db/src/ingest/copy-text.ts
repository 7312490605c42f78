/**
 * PostgreSQL COPY text format encoding (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Text Format"): columns separated by tab, rows by newline, NULL as \N, and backslash,
 * tab, newline and carriage return escaped with a backslash.
 */

const NEEDS_ESCAPE = /[\\\t\n\r\u0000]/;
const ESCAPES = /[\\\t\n\r\u0000]/g;

/** One field in COPY text form. */
export function copyField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  // Most fields need no escaping: test first, the replace callback is the slow part.
  if (!NEEDS_ESCAPE.test(v)) return v;
  // Postgres text cannot hold NUL; span content sometimes does (binary tool output).
  return v.replace(ESCAPES, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : ""));
}

/**
 * A jsonb column in COPY text form (\N for null). JSON text never holds a raw tab,
 * newline, carriage return or NUL (JSON escapes every control character), so doubling
 * backslashes is the whole of the COPY escaping.
 */
export function jsonbCopyField(v: unknown): string {
  return jsonTextCopyField(jsonbText(v));
}

/** JSON text from {@link jsonbText} (or null) as a jsonb column in COPY text form. */
export function jsonTextCopyField(json: string | null): string {
  if (json === null) return "\\N";
  return json.includes("\\") ? json.replaceAll("\\", "\\\\") : json;
}

/** One row (with its trailing newline) in COPY text form. */
export function copyRow(fields: (string | number | boolean | null | undefined)[]): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += "\t";
    out += copyField(fields[i]);
  }
  return out + "\n";
}

/**
 * JSON for a jsonb column. Postgres's jsonb input rejects two escapes JSON.stringify
 * writes (https://www.postgresql.org/docs/current/datatype-json.html): `\u0000`, and a
 * lone surrogate such as `\ud800` (ES2019 well-formed JSON.stringify escapes only
 * unpaired surrogates; paired ones are written as characters). NUL is dropped and a
 * lone surrogate becomes U+FFFD, as Buffer's UTF-8 encoding does for text columns.
 * Escapes are matched left to right with `\\` consumed as a pair, so the literal text
 * `\u0000` (escaped as `\\u0000`, common in source code) is left intact.
 */
export function jsonbText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const json = JSON.stringify(v);
  if (json === undefined) return null;
  if (!json.includes("\\u")) return json;
  return json.replace(/\\\\|\\u0000|\\ud[89a-f][0-9a-f]{2}/g, (m) => (m === "\\\\" ? m : m === "\\u0000" ? "" : "\\ufffd"));
}

/**
 * The line of a span that says what failed, to quote in the onset banner: the error's
 * type and message, else the assertion or error line of a tool's output (a test
 * runner's "FAILED test_x - assert 48.6 == 54.0" quotes as "assert 48.6 == 54.0"), else
 * the status message. Plain strings only (rendered as text).
 */
import type { SpanRecord } from "@onset/db";

const MAX_CHARS = 160;

/** Lines that name a failure, most specific first. */
const PATTERNS: RegExp[] = [
  /\bassert(ion)?\b.*$/i,
  /\b([A-Z][A-Za-z]*)?(Error|Exception|Exceeded)\b.*$/,
  /\b(FAILED|FAIL|ERROR|error|fatal)\b.*$/,
];

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length > MAX_CHARS ? `${t.slice(0, MAX_CHARS - 1)}…` : t;
}

/** The most telling failure line in a block of output, or null. */
export function failureLine(output: string | null | undefined): string | null {
  if (!output) return null;
  const lines = output.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  for (const re of PATTERNS) {
    for (const line of lines) {
      const m = re.exec(line);
      if (m) return clip(m[0]);
    }
  }
  return null;
}

/** What to quote for a failed span, or null when it says nothing useful. */
export function errorExcerpt(span: Pick<SpanRecord, "error" | "statusMessage" | "tool" | "output">): string | null {
  const outputText = span.tool?.result ?? (span.output?.kind === "text" ? span.output.text : null);
  const fromOutput = failureLine(outputText);
  const err = span.error;
  // A typed error says it best ("MaxTurnsExceeded: Max turns (7) exceeded").
  if (err?.type && err.message) return clip(`${err.type}: ${err.message}`);
  // "exited with code 1" is less telling than the assertion in the output.
  if (fromOutput) return fromOutput;
  if (err?.message) return clip(err.message);
  if (err?.type) return clip(err.type);
  return span.statusMessage ? clip(span.statusMessage) : null;
}

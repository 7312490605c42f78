/**
 * One artifact as the extractors see it: its name, its text, and its text parsed as
 * JSON and as JSON Lines, each parsed at most once and only when first asked for
 * (every extractor's detect() looks at the same parse).
 */

/** Outcome of parsing the whole text as one JSON document. */
export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Outcome of parsing the text line by line. */
export interface JsonLinesParse {
  /** Parsed lines with their 1-based line numbers; blank lines are skipped. */
  records: { line: number; value: unknown }[];
  /** Lines that were not JSON, with the parser's message. */
  bad: { line: number; error: string }[];
}

/** An artifact handed to the extractors. */
export class ArtifactInput {
  readonly fileName: string;
  readonly text: string;
  private jsonCache: JsonParse | undefined;
  private linesCache: JsonLinesParse | undefined;

  constructor(fileName: string, content: string | Uint8Array) {
    this.fileName = fileName;
    const text = typeof content === "string" ? content : new TextDecoder("utf-8").decode(content);
    // A UTF-8 BOM is legal in files written on Windows but not in JSON.parse input.
    this.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** The file's base name (no directories), as given. */
  get baseName(): string {
    const parts = this.fileName.split(/[\\/]/);
    return parts[parts.length - 1] ?? this.fileName;
  }

  /** Lowercased base name, for extension and name fingerprints. */
  get lowerName(): string {
    return this.baseName.toLowerCase();
  }

  /** The whole text as one JSON document. */
  json(): JsonParse {
    if (this.jsonCache === undefined) {
      try {
        this.jsonCache = { ok: true, value: parseJsonAllowingNaN(this.text) };
      } catch (e) {
        this.jsonCache = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    }
    return this.jsonCache;
  }

  /** The text as JSON Lines (one document per non-blank line). */
  jsonLines(): JsonLinesParse {
    if (this.linesCache === undefined) {
      const records: JsonLinesParse["records"] = [];
      const bad: JsonLinesParse["bad"] = [];
      const lines = this.text.split("\n");
      for (let i = 0; i < lines.length; i++) {
        const raw = (lines[i] ?? "").trim();
        if (raw === "") continue;
        try {
          records.push({ line: i + 1, value: parseJsonAllowingNaN(raw) });
        } catch (e) {
          bad.push({ line: i + 1, error: e instanceof Error ? e.message : String(e) });
        }
      }
      this.linesCache = { records, bad };
    }
    return this.linesCache;
  }

  /**
   * The parsed records when the text is line-oriented JSON: every non-blank line parsed,
   * except that a broken last line is tolerated (a transcript still being written).
   * Null when the text is not JSON Lines at all.
   */
  jsonLinesStrict(): JsonLinesParse | null {
    // A valid JSON document spread over several lines cannot be JSON Lines (its first
    // line is not a complete value): answer without trying to parse every line of it.
    if (this.json().ok && this.text.trim().includes("\n")) return null;
    const parsed = this.jsonLines();
    if (parsed.records.length === 0) return null;
    const lastRecordLine = parsed.records[parsed.records.length - 1]?.line ?? 0;
    const badBeforeEnd = parsed.bad.filter((b) => b.line < lastRecordLine);
    return badBeforeEnd.length === 0 ? parsed : null;
  }
}

const NON_FINITE = /\b(?:NaN|Infinity)\b/;

/**
 * JSON.parse, except that the bare NaN / Infinity / -Infinity that Python's json.dumps
 * writes by default (e.g. a pandas NaN in smolagents' run_gaia.py records) read as null.
 * Text inside strings is left alone. Throws as JSON.parse does on anything else.
 */
export function parseJsonAllowingNaN(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (!NON_FINITE.test(text)) throw e;
    // Copy the text in runs between the bare tokens: only an N, I or - outside a string can start one.
    const parts: string[] = [];
    let from = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      if (c !== "N" && c !== "I" && c !== "-") continue;
      const token = /^-?(?:NaN|Infinity)/.exec(text.slice(i, i + 9))?.[0];
      if (token && !/[\w.]/.test(text[i - 1] ?? "")) {
        parts.push(text.slice(from, i), "null");
        i += token.length - 1;
        from = i + 1;
      }
    }
    parts.push(text.slice(from));
    return JSON.parse(parts.join("")) as unknown;
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

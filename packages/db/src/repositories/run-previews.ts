/**
 * What a runs-list row shows of a run's content, so runs of the same task can be told
 * apart at a glance: the input (the last user message of the first span that has an
 * input), the output (the root's, else the last span's that has one) and, for failed
 * runs, the first error that says something (a span's error text, else its status
 * message, else the first failed span's name). One query picks those spans — each lookup
 * rides the (project_id, trace_id, start_time) index and stops at its first row — and one
 * reads them, with their content put back from the content store (span-contents.ts).
 */
import type { SpanContent, SpanError } from "@onset/otlp";
import type { Pool } from "pg";
import { resolveContent } from "./span-contents";

/** Longest preview text, in characters. */
export const PREVIEW_CHARS = 240;

/** A run's content at a glance; null fields had nothing to show. */
export interface RunPreview {
  input: string | null;
  output: string | null;
  error: string | null;
}

/**
 * Previews of the given runs of a project, by trace id. `runs` carries each run's root
 * span and error count (from its summary), so ok runs skip the error lookup.
 */
export async function listRunPreviews(
  pool: Pool,
  projectId: string,
  runs: readonly { traceId: string; rootSpanId: string | null; errorCount: number }[],
): Promise<Map<string, RunPreview>> {
  if (runs.length === 0) return new Map();
  const picked = await pool.query<{ traceId: string; inputSpan: string | null; outputSpan: string | null; errorSpan: string | null }>(
    `SELECT t.trace_id AS "traceId",
        (SELECT s.span_id FROM spans s
          WHERE s.project_id = $1 AND s.trace_id = t.trace_id AND s.input IS NOT NULL
          ORDER BY s.start_time, s.span_id LIMIT 1) AS "inputSpan",
        coalesce(
          (SELECT s.span_id FROM spans s
            WHERE s.project_id = $1 AND s.trace_id = t.trace_id AND s.span_id = t.root_span_id AND s.output IS NOT NULL LIMIT 1),
          (SELECT s.span_id FROM spans s
            WHERE s.project_id = $1 AND s.trace_id = t.trace_id AND s.output IS NOT NULL
            ORDER BY s.start_time DESC, s.span_id DESC LIMIT 1)) AS "outputSpan",
        CASE WHEN t.error_count > 0 THEN
          (SELECT s.span_id FROM spans s
            WHERE s.project_id = $1 AND s.trace_id = t.trace_id AND s.status_code = 'error'
            -- An error with its text beats a parent merely marked failed by it.
            ORDER BY (s.error IS NULL AND s.status_message IS NULL), s.start_time, s.span_id LIMIT 1) END AS "errorSpan"
       FROM unnest($2::text[], $3::text[], $4::int[]) AS t(trace_id, root_span_id, error_count)`,
    [projectId, runs.map((x) => x.traceId), runs.map((x) => x.rootSpanId), runs.map((x) => x.errorCount)],
  );
  const wanted = picked.rows.flatMap((p) => [p.inputSpan, p.outputSpan, p.errorSpan].filter((s): s is string => s !== null).map((s) => [p.traceId, s] as const));
  const spans = new Map<string, Record<string, unknown>>();
  if (wanted.length > 0) {
    const r = await pool.query(
      `SELECT trace_id AS "traceId", span_id AS "spanId", name, status_message AS "statusMessage", input, output, error, tool, content_refs AS "contentRefs"
         FROM spans WHERE project_id = $1 AND (trace_id, span_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [projectId, wanted.map((w) => w[0]), wanted.map((w) => w[1])],
    );
    await resolveContent(pool, projectId, r.rows);
    for (const row of r.rows) spans.set(`${row.traceId}/${row.spanId}`, row);
  }
  const span = (traceId: string, spanId: string | null) => (spanId ? spans.get(`${traceId}/${spanId}`) : undefined);
  return new Map(
    picked.rows.map((p) => {
      const i = span(p.traceId, p.inputSpan);
      const o = span(p.traceId, p.outputSpan);
      const e = span(p.traceId, p.errorSpan);
      return [
        p.traceId,
        {
          input: clean(contentText(i?.input as SpanContent | null, "user")),
          output: clean(contentText(o?.output as SpanContent | null, null)),
          error: e ? clean(errorText(e.error as SpanError | null) ?? (e.statusMessage as string | null) ?? (e.name as string)) : null,
        },
      ];
    }),
  );
}

/** The readable text of span content (messages: the last one with `role`, or the last one). */
function contentText(c: SpanContent | null | undefined, role: string | null): string | null {
  if (!c) return null;
  if (c.kind === "text") return c.text;
  if (c.kind === "messages") {
    const list = role ? c.messages.filter((m) => m.role === role) : c.messages;
    return list[list.length - 1]?.content ?? null;
  }
  return JSON.stringify(c.value);
}

/** "Type: message" of an error, or whichever half it has. */
function errorText(e: SpanError | null | undefined): string | null {
  if (!e) return null;
  const text = [e.type, e.message].filter(Boolean).join(": ");
  return text === "" ? null : text;
}

/** Whitespace runs folded to one space (a preview is one line), cut to PREVIEW_CHARS; empty becomes null. */
function clean(s: string | null | undefined): string | null {
  if (typeof s !== "string") return null;
  const t = s.replace(/\s+/g, " ").trim().slice(0, PREVIEW_CHARS);
  return t === "" ? null : t;
}

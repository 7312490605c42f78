/**
 * One run's spans a page at a time (GET /api/v1/runs/{traceId}): keyset pagination on
 * (start_time, span_id), so a run of any size is read in bounded pieces.
 */
import type { Pool } from "pg";
import { resolveContent } from "./span-contents";
import { SPAN_RECORD_COLUMNS, SPAN_TIME_COLUMNS, toSpanRecord, type RunSummary, type SpanRecord } from "./run-rows";
import { BadCursorError, getRunSummary } from "./runs";

/** Most spans in one page. */
export const MAX_SPAN_PAGE = 1000;

/** A run's summary and one page of its spans; nextCursor is null on the last page. */
export interface RunSpanPage {
  run: RunSummary;
  spans: SpanRecord[];
  nextCursor: string | null;
}

/** The run and its spans after `cursor` (start order), at most `limit` (1-1000); null when the project has no such run. */
export async function getRunSpanPage(
  pool: Pool,
  projectId: string,
  traceId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<RunSpanPage | null> {
  const limit = Math.max(1, Math.min(opts.limit ?? MAX_SPAN_PAGE, MAX_SPAN_PAGE));
  const after = opts.cursor ? decode(opts.cursor) : null;
  const run = await getRunSummary(pool, projectId, traceId);
  if (!run) return null;
  const r = await pool.query(
    `SELECT ${SPAN_RECORD_COLUMNS}, ${SPAN_TIME_COLUMNS}, start_time::text AS "cursorTime" FROM spans
      WHERE project_id = $1 AND trace_id = $2
        AND ($3::timestamptz IS NULL OR (start_time, span_id) > ($3::timestamptz, $4::text))
      ORDER BY start_time, span_id LIMIT $5`,
    [projectId, traceId, after?.t ?? null, after?.id ?? "", limit + 1],
  );
  const rows = r.rows.slice(0, limit);
  await resolveContent(pool, projectId, rows);
  const last = rows[rows.length - 1] as { cursorTime: string; spanId: string } | undefined;
  return {
    run,
    spans: rows.map(toSpanRecord),
    nextCursor: r.rows.length > limit && last ? Buffer.from(JSON.stringify({ t: last.cursorTime, id: last.spanId })).toString("base64url") : null,
  };
}

function decode(cursor: string): { t: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { t: unknown; id: unknown };
    if (typeof c.t === "string" && typeof c.id === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?$/.test(c.t)) return { t: c.t, id: c.id };
  } catch {
    // fall through
  }
  throw new BadCursorError("cursor is not valid for this run's spans (it must come from nextCursor)");
}

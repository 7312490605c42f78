/** Read path for runs: the filtered, keyset-paginated list and one run with its spans. */
import { OnsetError, type NormalizedSpan } from "@onset/otlp";
import type { Pool } from "pg";
import type { TouchedTrace } from "../ingest/span-writer";
import {
  RUN_COLUMNS,
  SPAN_RECORD_COLUMNS,
  SPAN_TIME_COLUMNS,
  toNormalizedSpan,
  toRunSummary,
  toSpanRecord,
  type RunSummary,
  type SpanRecord,
} from "./run-rows";
import { resolveContent } from "./span-contents";
import { listRunPreviews, type RunPreview } from "./run-previews";

/** Sort orders of the runs list. */
export const RUN_SORTS = {
  startTime: "start_time",
  costUsd: "cost_usd",
  durationMs: "(end_time - start_time)",
  tokens: "(input_tokens + output_tokens)",
  errorCount: "error_count",
} as const;

/** Filters and paging of the runs list; every filter optional. */
export interface RunListQuery {
  limit?: number;
  cursor?: string;
  sort?: keyof typeof RUN_SORTS;
  order?: "asc" | "desc";
  status?: string;
  q?: string;
  from?: Date;
  to?: Date;
  model?: string;
  service?: string;
  session?: string;
  user?: string;
  task?: string;
  minCost?: number;
  maxCost?: number;
  minTokens?: number;
  maxTokens?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
  hasOnset?: boolean;
  hasLoops?: boolean;
}

/** Thrown for a cursor that was not produced by this API (400 `invalid_cursor`). */
export class BadCursorError extends OnsetError {
  constructor(message: string) {
    super(400, "invalid_cursor", message);
  }
}

/** A run as the runs list shows it: its summary and a preview of its content. */
export type RunListItem = RunSummary & { preview: RunPreview };

/** A page of runs. */
export interface RunPage {
  runs: RunListItem[];
  nextCursor: string | null;
}

/** One page of a project's runs, newest first by default. */
export async function listRuns(pool: Pool, projectId: string, q: RunListQuery = {}): Promise<RunPage> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const sortKey = q.sort ?? "startTime";
  const sortExpr = RUN_SORTS[sortKey];
  const dir = q.order === "asc" ? "ASC" : "DESC";
  const where: string[] = ["project_id = $1"];
  const params: unknown[] = [projectId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (q.status) add("status = ?", q.status);
  if (q.q) add("name ILIKE '%' || ? || '%'", escapeLike(q.q));
  if (q.from) add("start_time >= ?", q.from);
  if (q.to) add("start_time < ?", q.to);
  if (q.model) add("? = ANY(models)", q.model);
  if (q.service) add("service_name = ?", q.service);
  if (q.session) add("session_id = ?", q.session);
  if (q.user) add("user_id = ?", q.user);
  if (q.task) add("task = ?", q.task);
  if (q.minCost !== undefined) add("cost_usd >= ?", q.minCost);
  if (q.maxCost !== undefined) add("cost_usd <= ?", q.maxCost);
  if (q.minTokens !== undefined) add("input_tokens + output_tokens >= ?", q.minTokens);
  if (q.maxTokens !== undefined) add("input_tokens + output_tokens <= ?", q.maxTokens);
  if (q.minDurationMs !== undefined) add("end_time - start_time >= make_interval(secs => ? / 1000.0)", q.minDurationMs);
  if (q.maxDurationMs !== undefined) add("end_time - start_time <= make_interval(secs => ? / 1000.0)", q.maxDurationMs);
  if (q.hasOnset !== undefined) where.push(q.hasOnset ? "onset_span_id IS NOT NULL" : "onset_span_id IS NULL");
  if (q.hasLoops !== undefined) where.push(q.hasLoops ? "loop_count > 0" : "loop_count = 0");
  if (q.cursor) {
    const c = decodeCursor(q.cursor, sortKey);
    params.push(c.v, c.id);
    const cmp = dir === "DESC" ? "<" : ">";
    const v = sortKey === "startTime" ? `$${params.length - 1}::timestamptz` : sortKey === "durationMs" ? `make_interval(secs => $${params.length - 1}::float8 / 1000.0)` : `$${params.length - 1}::float8`;
    where.push(`(${sortExpr}, trace_id) ${cmp} (${v}, $${params.length})`);
  }
  const sql = `SELECT ${RUN_COLUMNS}, ${sortKey === "durationMs" ? `(extract(epoch FROM end_time - start_time) * 1000)::float8` : sortExpr} AS sort_value
    FROM traces WHERE ${where.join(" AND ")}
    ORDER BY ${sortExpr} ${dir}, trace_id ${dir} LIMIT ${limit + 1}`;
  const r = await pool.query(sql, params);
  const rows = r.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const runs = rows.map(({ sort_value: _s, ...row }) => toRunSummary(row));
  const previews = await listRunPreviews(pool, projectId, runs);
  return {
    runs: runs.map((run) => ({ ...run, preview: previews.get(run.traceId) ?? { input: null, output: null, error: null } })),
    nextCursor: r.rows.length > limit && last ? encodeCursor(sortKey, last.sort_value, last.traceId) : null,
  };
}

/** One run's summary, or null when the project has no such run. */
export async function getRunSummary(pool: Pool, projectId: string, traceId: string): Promise<RunSummary | null> {
  const r = await pool.query(`SELECT ${RUN_COLUMNS} FROM traces WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
  return r.rows[0] ? toRunSummary(r.rows[0]) : null;
}

/** One run with every span in start order, or null. */
export async function getRun(pool: Pool, projectId: string, traceId: string): Promise<{ run: RunSummary; spans: SpanRecord[] } | null> {
  const run = await getRunSummary(pool, projectId, traceId);
  if (!run) return null;
  const r = await pool.query(
    `SELECT ${SPAN_RECORD_COLUMNS}, ${SPAN_TIME_COLUMNS} FROM spans
      WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, span_id`,
    [projectId, traceId],
  );
  await resolveContent(pool, projectId, r.rows);
  return { run, spans: r.rows.map(toSpanRecord) };
}

/** A run's spans as normalized spans, for analysis and diff. */
export async function loadRunSpans(pool: Pool, projectId: string, traceId: string): Promise<NormalizedSpan[]> {
  const r = await pool.query(
    `SELECT ${SPAN_RECORD_COLUMNS}, ${SPAN_TIME_COLUMNS} FROM spans
      WHERE project_id = $1 AND trace_id = $2 ORDER BY start_time, span_id`,
    [projectId, traceId],
  );
  await resolveContent(pool, projectId, r.rows);
  return r.rows.map((row) => toNormalizedSpan(traceId, row));
}

/**
 * A run's stored summary in the shape an ingest commit reports it (TouchedTrace), for
 * re-checking per-run alert rules after the fact; null when the run does not exist.
 */
export async function loadTouchedTrace(pool: Pool, projectId: string, traceId: string): Promise<TouchedTrace | null> {
  const r = await pool.query<TouchedTrace>(
    `SELECT project_id, trace_id, name, status, span_count, error_count, cost_usd, input_tokens, output_tokens,
            start_time, end_time, root_span_id, session_id, user_id
       FROM traces WHERE project_id = $1 AND trace_id = $2`,
    [projectId, traceId],
  );
  return r.rows[0] ?? null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function encodeCursor(sort: string, v: unknown, id: string): string {
  const value = v instanceof Date ? v.toISOString() : v;
  return Buffer.from(JSON.stringify({ s: sort, v: value, id })).toString("base64url");
}

function decodeCursor(cursor: string, sort: string): { v: unknown; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { s: string; v: unknown; id: string };
    if (c.s !== sort || typeof c.id !== "string") throw new Error("sort mismatch");
    return c;
  } catch {
    throw new BadCursorError("cursor is not valid for this query (it must come from nextCursor with the same sort)");
  }
}

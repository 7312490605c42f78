/**
 * Failure modes across runs (issue 18): failed runs grouped by the deterministic
 * signature of their onset (@onset/analysis failureSignature; traces.failure_mode), one
 * failure_modes row per mode with its parts and when it was first seen. Read as the
 * failure-modes page and `GET /api/v1/failure-modes` want them: runs, cost lost, runs
 * per UTC day, example runs, and a failing/succeeding pair of the same task to compare.
 */
import type { Pool } from "pg";

/** A mode's signature parts (what @onset/analysis failureSignature returns). */
export interface FailureModeParts {
  key: string;
  evidenceKind: string;
  agentName: string;
  tool: string;
  errorClass: string;
}

/** One run of a mode, as the page lists it. */
export interface FailureModeRun {
  traceId: string;
  name: string | null;
  task: string | null;
  startTime: string;
  costUsd: number;
}

/** One failure mode over a window. */
export interface FailureModeSummary extends FailureModeParts {
  /** When the first run with it started (ISO 8601), ever, not only in the window. */
  firstSeenAt: string;
  /** Failed runs with it in the window. */
  runs: number;
  /** Their cost (USD): what the failures cost. */
  costUsd: number;
  /** Runs in the window's second half minus its first half: positive is growing. */
  growth: number;
  /** Runs per UTC day in the window, oldest first, days without runs left out. */
  perDay: { day: string; runs: number }[];
  /** The latest runs, newest first (at most 5). */
  examples: FailureModeRun[];
  /** A failing run and a succeeding run of the same task, for /diff; null when no task has both. */
  compare: { failing: string; succeeding: string; task: string } | null;
}

/** Most modes one call returns. */
export const MAX_FAILURE_MODES = 200;

/** Records a run's mode: the mode's row (first seen = the earliest run start seen). */
export async function recordFailureMode(pool: Pool, projectId: string, traceId: string, mode: FailureModeParts): Promise<void> {
  await pool.query(
    `INSERT INTO failure_modes (project_id, key, evidence_kind, agent_name, tool, error_class, first_seen_at)
     SELECT $1, $3, $4, $5, $6, $7, start_time FROM traces WHERE project_id = $1 AND trace_id = $2
     ON CONFLICT (project_id, key) DO UPDATE SET first_seen_at = LEAST(failure_modes.first_seen_at, excluded.first_seen_at)`,
    [projectId, traceId, mode.key, mode.evidenceKind, mode.agentName, mode.tool, mode.errorClass],
  );
}

/** Options of {@link listFailureModes}. */
export interface FailureModeQuery {
  /** Window start and end. */
  from: Date;
  until: Date;
  /** Most modes (capped at MAX_FAILURE_MODES). */
  limit: number;
}

/** The project's failure modes with runs in the window, growing fastest first, then newest. */
export async function listFailureModes(pool: Pool, projectId: string, q: FailureModeQuery): Promise<FailureModeSummary[]> {
  const mid = new Date((q.from.getTime() + q.until.getTime()) / 2);
  const limit = Math.max(1, Math.min(q.limit, MAX_FAILURE_MODES));
  const r = await pool.query(
    `WITH w AS (
       SELECT trace_id, name, task, start_time, cost_usd, failure_mode FROM traces
        WHERE project_id = $1 AND failure_mode IS NOT NULL AND start_time >= $2 AND start_time < $3
     ), modes AS (
       SELECT m.key, m.evidence_kind, m.agent_name, m.tool, m.error_class, m.first_seen_at,
              count(*)::int AS runs, COALESCE(sum(w.cost_usd), 0)::float8 AS cost_usd,
              (2 * count(*) FILTER (WHERE w.start_time >= $4) - count(*))::int AS growth
         FROM w JOIN failure_modes m ON m.project_id = $1 AND m.key = w.failure_mode
        GROUP BY m.key, m.evidence_kind, m.agent_name, m.tool, m.error_class, m.first_seen_at
        ORDER BY growth DESC, m.first_seen_at DESC, m.key
        LIMIT $5
     )
     SELECT modes.*,
       (SELECT json_agg(d ORDER BY d.day) FROM (
          SELECT to_char(date_trunc('day', w.start_time AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS runs
            FROM w WHERE w.failure_mode = modes.key GROUP BY 1) d) AS per_day,
       (SELECT json_agg(e ORDER BY e."startTime" DESC) FROM (
          SELECT w.trace_id AS "traceId", w.name, w.task, w.start_time AS "startTime", w.cost_usd::float8 AS "costUsd"
            FROM w WHERE w.failure_mode = modes.key ORDER BY w.start_time DESC LIMIT 5) e) AS examples,
       (SELECT json_build_object('failing', f.trace_id, 'succeeding', s.trace_id, 'task', f.task)
          FROM w f
          JOIN LATERAL (
            SELECT t.trace_id FROM traces t
             WHERE t.project_id = $1 AND t.task = f.task AND t.status = 'ok' AND t.failure_mode IS NULL
             ORDER BY t.start_time DESC LIMIT 1) s ON true
         WHERE f.failure_mode = modes.key AND f.task IS NOT NULL
         ORDER BY f.start_time DESC LIMIT 1) AS compare
     FROM modes
     ORDER BY growth DESC, first_seen_at DESC, key`,
    [projectId, q.from, q.until, mid, limit],
  );
  return r.rows.map((row) => ({
    key: row.key,
    evidenceKind: row.evidence_kind,
    agentName: row.agent_name,
    tool: row.tool,
    errorClass: row.error_class,
    firstSeenAt: (row.first_seen_at as Date).toISOString(),
    runs: row.runs,
    costUsd: row.cost_usd,
    growth: row.growth,
    perDay: row.per_day ?? [],
    examples: ((row.examples ?? []) as FailureModeRun[]).map((e) => ({ ...e, startTime: new Date(e.startTime).toISOString() })),
    compare: row.compare ?? null,
  }));
}

/** Modes first seen at or after `since`, and how many runs each had since then (the "new failure mode" alert). */
export async function listNewFailureModes(pool: Pool, projectId: string, since: Date): Promise<(FailureModeParts & { firstSeenAt: string; runs: number; lastTraceId: string | null })[]> {
  const r = await pool.query(
    `SELECT m.key, m.evidence_kind, m.agent_name, m.tool, m.error_class, m.first_seen_at,
            (SELECT count(*)::int FROM traces t WHERE t.project_id = m.project_id AND t.failure_mode = m.key AND t.start_time >= $2) AS runs,
            (SELECT t.trace_id FROM traces t WHERE t.project_id = m.project_id AND t.failure_mode = m.key ORDER BY t.start_time DESC LIMIT 1) AS last_trace_id
       FROM failure_modes m WHERE m.project_id = $1 AND m.first_seen_at >= $2
      ORDER BY m.first_seen_at`,
    [projectId, since],
  );
  return r.rows.map((row) => ({
    key: row.key,
    evidenceKind: row.evidence_kind,
    agentName: row.agent_name,
    tool: row.tool,
    errorClass: row.error_class,
    firstSeenAt: (row.first_seen_at as Date).toISOString(),
    runs: row.runs,
    lastTraceId: row.last_trace_id,
  }));
}

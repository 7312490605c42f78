/**
 * Reads the alerts engine makes besides its own tables: rolling-window aggregates over
 * the per-run summaries (`traces`, through the (project_id, start_time) index: runs are
 * placed in a window by their start time), the latest run (for a test notification's
 * links) and project names (for payloads).
 */
import type { AlertDb } from "./alerts-rows";

/** Who a window aggregate is grouped by. */
export type AlertWindowScope = "project" | "user" | "session";

/** A run a window event links to. */
export interface AlertWindowRun {
  traceId: string;
  rootSpanId: string | null;
  name: string | null;
  costUsd: number;
}

/** One group (the project, one user or one session) of a window. */
export interface AlertWindowGroup {
  /** "" for the project scope, else the user or session id. */
  key: string;
  costUsd: number;
  runs: number;
  /** Runs whose root span has arrived (in-flight runs have no status yet). */
  finishedRuns: number;
  errorRuns: number;
  /** Cost since `dayStart` (the daily budget's day). */
  dayCostUsd: number;
  /** The costliest run of the window. */
  topRun: AlertWindowRun | null;
  /** The latest failed run of the window. */
  lastErrorRun: AlertWindowRun | null;
}

const KEY: Record<AlertWindowScope, string> = { project: "''", user: "user_id", session: "session_id" };

/**
 * Aggregates the runs that started in [windowStart, until] per group, plus the cost
 * since `dayStart` (which may be earlier or later than windowStart).
 */
export async function aggregateAlertWindow(
  db: AlertDb,
  projectId: string,
  q: { scope: AlertWindowScope; windowStart: Date; until: Date; dayStart?: Date },
): Promise<AlertWindowGroup[]> {
  const dayStart = q.dayStart ?? q.windowStart;
  const run = `json_build_object('traceId', trace_id, 'rootSpanId', root_span_id, 'name', name, 'costUsd', cost_usd)`;
  const notNull = q.scope === "project" ? "" : `AND ${KEY[q.scope]} IS NOT NULL`;
  const r = await db.query(
    `SELECT ${KEY[q.scope]} AS key,
        coalesce(sum(cost_usd) FILTER (WHERE start_time >= $2), 0)::float8 AS "costUsd",
        (count(*) FILTER (WHERE start_time >= $2))::int AS runs,
        (count(*) FILTER (WHERE start_time >= $2 AND status <> 'unset'))::int AS "finishedRuns",
        (count(*) FILTER (WHERE start_time >= $2 AND status = 'error'))::int AS "errorRuns",
        coalesce(sum(cost_usd) FILTER (WHERE start_time >= $4), 0)::float8 AS "dayCostUsd",
        (array_agg(${run} ORDER BY cost_usd DESC, trace_id) FILTER (WHERE start_time >= $2))[1] AS "topRun",
        (array_agg(${run} ORDER BY start_time DESC, trace_id) FILTER (WHERE start_time >= $2 AND status = 'error'))[1] AS "lastErrorRun"
       FROM traces
      WHERE project_id = $1 AND start_time >= least($2::timestamptz, $4::timestamptz) AND start_time <= $3 ${notNull}
      GROUP BY 1
      ORDER BY 1`,
    [projectId, q.windowStart, q.until, dayStart],
  );
  return r.rows as AlertWindowGroup[];
}

/** A project as alert payloads name it. */
export interface AlertProject {
  id: string;
  slug: string;
  name: string;
}

/** The projects with these ids. */
export async function listAlertProjects(db: AlertDb, ids: readonly string[]): Promise<AlertProject[]> {
  const r = await db.query(`SELECT id, slug, name FROM projects WHERE id = ANY($1::text[])`, [[...ids]]);
  return r.rows as AlertProject[];
}

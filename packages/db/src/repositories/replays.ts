/**
 * Replayed runs and their originals (issue 18, docs/judge-and-failure-modes.md "Replay"):
 * a run whose spans carry `onset.replay.of` = <traceId> (as a span attribute, the root's
 * first, or a resource attribute) replays that run. `traces.replay_of` records it when
 * the run is analyzed (storeRunAnalysis) or its links are first read, so an original
 * lists its replays by index. The attribute is span content: only a well-formed trace id
 * other than the run's own is taken, and only runs of the same project are ever linked.
 */
import type { Pool } from "pg";

/** A 32-hex trace id (lowercased) from the run's `onset.replay.of`, as SQL over its spans ($1 project, $2 trace). */
export const REPLAY_OF_FROM_SPANS = `(SELECT lower(v) FROM (
     SELECT coalesce(attributes->>'onset.replay.of', resource->>'onset.replay.of') AS v, parent_span_id IS NULL AS root, start_time
       FROM spans WHERE project_id = $1 AND trace_id = $2 AND (attributes ? 'onset.replay.of' OR resource ? 'onset.replay.of')
   ) s WHERE lower(v) ~ '^[0-9a-f]{32}$' AND lower(v) <> $2 ORDER BY root DESC, start_time LIMIT 1)`;

/** A run at the other end of a replay link. */
export interface ReplayRun {
  traceId: string;
  name: string | null;
  status: string;
  startTime: string;
  costUsd: number;
}

/** A run's replay links: the run it replays (null when none; `run` null when that run is not in the project) and its replays, newest first. */
export interface ReplayLinks {
  replayOf: { traceId: string; run: ReplayRun | null } | null;
  replays: ReplayRun[];
}

/** Most replays listed for one run. */
export const MAX_REPLAYS_LISTED = 50;

const RUN_COLUMNS = `trace_id AS "traceId", name, status, start_time AS "startTime", cost_usd::float8 AS "costUsd"`;

/** The run's replay links; null when the run does not exist in the project. Records `replay_of` when it was not yet. */
export async function getReplayLinks(pool: Pool, projectId: string, traceId: string): Promise<ReplayLinks | null> {
  const linked = await pool.query<{ replay_of: string | null }>(
    `UPDATE traces SET replay_of = coalesce(replay_of, ${REPLAY_OF_FROM_SPANS})
      WHERE project_id = $1 AND trace_id = $2 RETURNING replay_of`,
    [projectId, traceId],
  );
  if (linked.rowCount === 0) return null;
  const of = linked.rows[0]!.replay_of;
  const [original, replays] = await Promise.all([
    of ? pool.query<ReplayRun>(`SELECT ${RUN_COLUMNS} FROM traces WHERE project_id = $1 AND trace_id = $2`, [projectId, of]) : null,
    pool.query<ReplayRun>(`SELECT ${RUN_COLUMNS} FROM traces WHERE project_id = $1 AND replay_of = $2 ORDER BY start_time DESC, trace_id LIMIT $3`, [
      projectId,
      traceId,
      MAX_REPLAYS_LISTED,
    ]),
  ]);
  const toRun = (r: ReplayRun): ReplayRun => ({ ...r, startTime: new Date(r.startTime).toISOString() });
  return {
    replayOf: of ? { traceId: of, run: original?.rows[0] ? toRun(original.rows[0]) : null } : null,
    replays: replays.rows.map(toRun),
  };
}

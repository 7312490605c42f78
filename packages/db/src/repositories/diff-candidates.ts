/**
 * Runs worth comparing a run with (docs/spec/run-diff.md §8: "compare one run against a group of
 * good runs of the same task"): other runs of the same task (the root's onset.task) or,
 * for runs that declare none, with the same root name; most recent first. Both lookups
 * ride an index: (project_id, task, start_time DESC) and (project_id, name).
 */
import type { Pool } from "pg";
import { RUN_COLUMNS, toRunSummary, type RunSummary } from "./run-rows";
import { getRunSummary } from "./runs";

/** Why a run was offered as a candidate. */
export type CandidateMatch = "task" | "name";

/** A run to compare with. */
export interface DiffCandidate {
  run: RunSummary;
  matchedBy: CandidateMatch;
}

/** Options of {@link listDiffCandidates}. */
export interface DiffCandidateQuery {
  /** Most candidates returned (1..200, default 50). */
  limit?: number;
  /** Only runs with this status (baselines are the successful runs: "ok"). */
  status?: "ok" | "error" | "unset";
  /**
   * Only runs of the same task when the run declares one (its root name is used only
   * when it does not): what a baseline group needs, since one root name often serves
   * many tasks.
   */
  sameTaskOnly?: boolean;
}

/** The run the candidates were found for and the candidates; null when the project has no such run. */
export interface DiffCandidates {
  run: RunSummary;
  candidates: DiffCandidate[];
}

/**
 * Candidates for comparing with `traceId`: runs of the same task or the same root name,
 * excluding the run itself, most recent first.
 */
export async function listDiffCandidates(
  pool: Pool,
  projectId: string,
  traceId: string,
  q: DiffCandidateQuery = {},
): Promise<DiffCandidates | null> {
  const run = await getRunSummary(pool, projectId, traceId);
  if (!run) return null;
  if (run.task === null && run.name === null) return { run, candidates: [] };
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const byName = q.sameTaskOnly && run.task !== null ? null : run.name;
  const r = await pool.query(
    `SELECT ${RUN_COLUMNS}, CASE WHEN $3::text IS NOT NULL AND task = $3 THEN 'task' ELSE 'name' END AS matched_by
       FROM traces
      WHERE project_id = $1 AND trace_id <> $2
        AND (($3::text IS NOT NULL AND task = $3) OR ($4::text IS NOT NULL AND name = $4))
        AND ($5::text IS NULL OR status = $5)
      ORDER BY start_time DESC, trace_id
      LIMIT $6`,
    [projectId, traceId, run.task, byName, q.status ?? null, limit],
  );
  return {
    run,
    candidates: r.rows.map(({ matched_by, ...row }) => ({ run: toRunSummary(row), matchedBy: matched_by as CandidateMatch })),
  };
}

/**
 * Summaries of the given runs of a project, in the order asked; ids the project does not
 * have are left out (callers compare lengths to report them).
 */
export async function getRunSummaries(pool: Pool, projectId: string, traceIds: readonly string[]): Promise<RunSummary[]> {
  if (traceIds.length === 0) return [];
  const r = await pool.query(`SELECT ${RUN_COLUMNS} FROM traces WHERE project_id = $1 AND trace_id = ANY($2::text[])`, [
    projectId,
    [...traceIds],
  ]);
  const byId = new Map(r.rows.map((row) => [row.traceId as string, toRunSummary(row)]));
  return traceIds.flatMap((id) => byId.get(id) ?? []);
}

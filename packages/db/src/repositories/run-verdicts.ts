/**
 * A person's verdict on a run (issue 14 item 2): "failed" or "succeeded", an optional
 * note, who gave it (a logged-in user or an API key) and when. One current verdict per
 * run (primary key project_id, trace_id); giving another replaces it. Setting or taking
 * one back invalidates the run's cached analysis in the same transaction, so the next
 * read (or the quiet-run timer) re-analyzes with the verdict as analyzeRun's `outcome`.
 */
import { OnsetError } from "@onset/otlp";
import type { Pool, PoolClient } from "pg";

/** What a verdict can say about a run. */
export const VERDICT_OUTCOMES = ["failed", "succeeded"] as const;
/** A verdict's outcome. */
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];
/** Longest note kept with a verdict, in characters. */
export const MAX_VERDICT_NOTE = 2000;

/** Who is giving a verdict: a session's user, or a project API key (its name is read from api_keys). */
export type VerdictActor = { kind: "user"; userId: string; email: string } | { kind: "api_key"; keyId: string };

/** A stored verdict as the API returns it. */
export interface RunVerdict {
  outcome: VerdictOutcome;
  note: string | null;
  /** Who said it: the user's id and email, or the key's id and name (as they were then). */
  givenBy: { kind: "user" | "api_key"; id: string; name: string };
  /** When it was given (ISO 8601). */
  givenAt: string;
}

/** What a caller sends to set a verdict. */
export interface VerdictInput {
  outcome: VerdictOutcome;
  note?: string | null;
}

/** A verdict that breaks the rules the API's schema also enforces (a bug in the caller when it reaches here): 400 `invalid_verdict`. */
export class InvalidVerdictError extends OnsetError {
  constructor(message: string) {
    super(400, "invalid_verdict", message);
  }
}

interface VerdictRow {
  outcome: string;
  note: string | null;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  created_at: Date;
}

const COLUMNS = "outcome, note, actor_kind, actor_id, actor_name, created_at";

/** The run's current verdict, or null when it has none (or the project has no such run). */
export async function getRunVerdict(pool: Pool, projectId: string, traceId: string): Promise<RunVerdict | null> {
  const r = await pool.query<VerdictRow>(`SELECT ${COLUMNS} FROM run_verdicts WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
  return r.rows[0] ? verdictFromRow(r.rows[0]) : null;
}

/**
 * Stores (or replaces) the run's verdict and invalidates its cached analysis. Null when
 * the project has no such run (another project's run included), so the caller answers 404.
 */
export async function setRunVerdict(pool: Pool, projectId: string, traceId: string, input: VerdictInput, actor: VerdictActor): Promise<RunVerdict | null> {
  if (!(VERDICT_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw new InvalidVerdictError(`outcome must be one of ${VERDICT_OUTCOMES.join(", ")}, got ${JSON.stringify(input.outcome)}`);
  }
  const note = input.note ?? null;
  if (note !== null && note.length > MAX_VERDICT_NOTE) throw new InvalidVerdictError(`note is longer than ${MAX_VERDICT_NOTE} characters`);
  const actorId = actor.kind === "user" ? actor.userId : actor.keyId;
  return inTransaction(pool, async (c) => {
    // The run must exist in this project (FOR KEY SHARE keeps it there until commit); a
    // key's name is read from the key itself, and only a key of this project counts.
    const r = await c.query<VerdictRow>(
      `WITH run AS (
         SELECT project_id, trace_id FROM traces WHERE project_id = $1 AND trace_id = $2 FOR KEY SHARE
       ), actor AS (
         SELECT CASE WHEN $5 = 'api_key'
                     THEN (SELECT name FROM api_keys WHERE id = $6 AND project_id = $1)
                     ELSE $7 END AS name
       )
       INSERT INTO run_verdicts (project_id, trace_id, outcome, note, actor_kind, actor_id, actor_name, created_at)
       SELECT run.project_id, run.trace_id, $3, $4, $5, $6, actor.name, now() FROM run, actor WHERE actor.name IS NOT NULL
       ON CONFLICT (project_id, trace_id) DO UPDATE
         SET outcome = excluded.outcome, note = excluded.note, actor_kind = excluded.actor_kind,
             actor_id = excluded.actor_id, actor_name = excluded.actor_name, created_at = excluded.created_at
       RETURNING ${COLUMNS}`,
      [projectId, traceId, input.outcome, note, actor.kind, actorId, actor.kind === "user" ? actor.email : null],
    );
    const row = r.rows[0];
    if (!row) {
      if (actor.kind === "api_key" && (await runExists(c, projectId, traceId))) throw new InvalidVerdictError(`API key ${actorId} is not a key of this project`);
      return null;
    }
    await invalidateAnalysis(c, projectId, traceId);
    return verdictFromRow(row);
  });
}

/**
 * Takes the run's verdict back and invalidates its cached analysis. Returns whether a
 * verdict was removed; null when the project has no such run.
 */
export async function deleteRunVerdict(pool: Pool, projectId: string, traceId: string): Promise<boolean | null> {
  return inTransaction(pool, async (c) => {
    if (!(await runExists(c, projectId, traceId))) return null;
    const r = await c.query(`DELETE FROM run_verdicts WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
    if ((r.rowCount ?? 0) === 0) return false;
    await invalidateAnalysis(c, projectId, traceId);
    return true;
  });
}

/** Maps a row to the API's shape. */
function verdictFromRow(row: VerdictRow): RunVerdict {
  return {
    outcome: row.outcome === "succeeded" ? "succeeded" : "failed",
    note: row.note,
    givenBy: { kind: row.actor_kind === "api_key" ? "api_key" : "user", id: row.actor_id, name: row.actor_name },
    givenAt: row.created_at.toISOString(),
  };
}

/**
 * Drops the cached analysis and marks the run unanalyzed, so the next read recomputes it
 * and the quiet-run timer picks it up even if no one opens the run.
 */
async function invalidateAnalysis(c: PoolClient, projectId: string, traceId: string): Promise<void> {
  await c.query(`DELETE FROM trace_analyses WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
  await c.query(`UPDATE traces SET analyzed_at = NULL WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
}

async function runExists(c: PoolClient, projectId: string, traceId: string): Promise<boolean> {
  const r = await c.query(`SELECT 1 FROM traces WHERE project_id = $1 AND trace_id = $2 FOR KEY SHARE`, [projectId, traceId]);
  return (r.rowCount ?? 0) > 0;
}

async function inTransaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    const out = await work(c);
    await c.query("COMMIT");
    return out;
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

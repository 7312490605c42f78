/**
 * Storage of cached run analyses (trace_analyses) and of the run-list badges they feed
 * (traces.onset_span_id, loop_count, analyzed_at). Storage only: what an analysis is and
 * when to compute one is @onset/analysis-service's business (docs/architecture.md), so
 * results are opaque JSON here. A cache row is current while its span_count equals the
 * run's (spans are append-only and idempotent, so a new span changes the count) and its
 * content_version equals the run's (log records that fill a stored span's content later,
 * GenAI events, bump the run's: log-records.ts).
 */
import type { Pool } from "pg";
import { recordFailureMode, type FailureModeParts } from "./failure-modes";
import { REPLAY_OF_FROM_SPANS } from "./replays";

/** A run's cache row next to the run's current span count; `result` is null when none is stored. */
export interface CachedAnalysisRow<T> {
  /** The run's span count now. */
  spanCount: number;
  /** The span count the stored result was computed from. */
  cachedSpanCount: number | null;
  /** The run's content version now (bumped when log records change stored spans' content). */
  contentVersion: number;
  /** The content version the stored result was computed from. */
  cachedContentVersion: number | null;
  result: T | null;
  /** The run has a user's verdict. */
  hasVerdict: boolean;
}

/** The run, its stored analysis and its verdict, by project and trace id ($1, $2): what both cache reads select from. */
const CACHE_STATE_FROM = `FROM traces t
       LEFT JOIN trace_analyses a ON a.project_id = t.project_id AND a.trace_id = t.trace_id
       LEFT JOIN run_verdicts v ON v.project_id = t.project_id AND v.trace_id = t.trace_id
      WHERE t.project_id = $1 AND t.trace_id = $2`;

/** The columns both cache reads select for the cache state. */
interface CacheStateColumns {
  span_count: number;
  cached_count: number | null;
  content_version: number;
  cached_version: number | null;
  has_verdict: boolean;
}

/** The cache state of a row both reads share: span counts, content versions, a verdict. */
function cacheState(row: CacheStateColumns): Omit<CachedAnalysisRow<never>, "result"> {
  return {
    spanCount: row.span_count,
    cachedSpanCount: row.cached_count,
    contentVersion: row.content_version,
    cachedContentVersion: row.cached_version,
    hasVerdict: row.has_verdict,
  };
}

/** One cheap read that decides whether the cache is current (no span loaded); null when the project has no such run. */
export async function readCachedAnalysis<T>(pool: Pool, projectId: string, traceId: string): Promise<CachedAnalysisRow<T> | null> {
  const r = await pool.query<CacheStateColumns & { result: T | null }>(
    `SELECT t.span_count, a.span_count AS cached_count, t.content_version, a.content_version AS cached_version, a.result,
            v.trace_id IS NOT NULL AS has_verdict
       ${CACHE_STATE_FROM}`,
    [projectId, traceId],
  );
  const row = r.rows[0];
  return row ? { ...cacheState(row), result: row.result } : null;
}

/**
 * A stored step `s` as the run page reads it (packages/analysis-service `pageStep`): its
 * grouping, and of each action its span, tool, kind, ok and check.
 */
const PAGE_STEP_SQL = `jsonb_build_object('id', s->'id', 'index', s->'index', 'role', s->'role', 'stageIndex', s->'stageIndex',
   'llmSpanId', s->'llmSpanId', 'spanIds', s->'spanIds', 'actions', coalesce(
     (SELECT jsonb_agg(jsonb_build_object('spanId', x->'spanId', 'tool', x->'tool', 'kind', x->'kind', 'ok', x->'ok', 'check', x->'check') ORDER BY m)
        FROM jsonb_array_elements(s->'actions') WITH ORDINALITY AS f(x, m)), '[]'::jsonb))`;

/** A run's cache state with the run page's part of its stored analysis as JSON text (see {@link readCachedDiagnosis}). */
export interface CachedDiagnosisRow<O> extends Omit<CachedAnalysisRow<never>, "result"> {
  /** The stored result's analyzer version and outcome (null when none is stored). */
  version: string | null;
  outcome: O | null;
  /** The stored result without `tree` and `breakdown`, each step and stage trimmed to what the run page reads, as JSON text. */
  diagnosisJson: string | null;
}

/**
 * Like {@link readCachedAnalysis}, but the result comes back as the run page's part of
 * it in JSON text (the run page's `/diagnosis`): the text stored with it, or for a result
 * stored without one, trimmed and serialized by Postgres. The web process neither
 * receives the whole result (9 MB for a 10,000-span run) nor parses it, and can send the
 * text on as it is.
 */
export async function readCachedDiagnosis<O>(pool: Pool, projectId: string, traceId: string): Promise<CachedDiagnosisRow<O> | null> {
  const r = await pool.query<CacheStateColumns & { version: string | null; outcome: O | null; diagnosis: string | null }>(
    `SELECT t.span_count, a.span_count AS cached_count, t.content_version, a.content_version AS cached_version,
            a.result->>'version' AS version, a.result->'outcome' AS outcome,
            coalesce(a.diagnosis, (a.result - 'tree' - 'breakdown' || jsonb_build_object('stages', coalesce(
               (SELECT jsonb_agg(jsonb_build_object('index', g->'index', 'agentId', g->'agentId', 'kind', g->'kind', 'backtrack', g->'backtrack') ORDER BY n)
                  FROM jsonb_array_elements(a.result->'stages') WITH ORDINALITY AS e(g, n)), '[]'::jsonb), 'steps', coalesce(
               (SELECT jsonb_agg(${PAGE_STEP_SQL} ORDER BY n) FROM jsonb_array_elements(a.result->'steps') WITH ORDINALITY AS e(s, n)),
               '[]'::jsonb)))::text) AS diagnosis,
            v.trace_id IS NOT NULL AS has_verdict
       ${CACHE_STATE_FROM}`,
    [projectId, traceId],
  );
  const row = r.rows[0];
  return row ? { ...cacheState(row), version: row.version, outcome: row.outcome, diagnosisJson: row.diagnosis } : null;
}

/** A run's cache state with the stored outline (see {@link readCachedOutline}). */
export interface CachedOutlineRow extends Omit<CachedAnalysisRow<never>, "result"> {
  /** The analyzer version the stored result and outline came from (null when none is stored, or stored before it was recorded). */
  analysisVersion: string | null;
  /** The run page's outline stored with the analysis, as JSON text (null when none). */
  outlineJson: string | null;
}

/**
 * The run's cache state and the outline stored with its analysis, as JSON text, for
 * the run page's `/outline`: neither the result nor its version is read from `result`
 * (`analysis_version` has it), so a 10,000-span run's 9 MB result is never detoasted.
 */
export async function readCachedOutline(pool: Pool, projectId: string, traceId: string): Promise<CachedOutlineRow | null> {
  const r = await pool.query<CacheStateColumns & { analysis_version: string | null; outline: string | null }>(
    `SELECT t.span_count, a.span_count AS cached_count, t.content_version, a.content_version AS cached_version,
            a.analysis_version, a.outline, v.trace_id IS NOT NULL AS has_verdict
       ${CACHE_STATE_FROM}`,
    [projectId, traceId],
  );
  const row = r.rows[0];
  return row ? { ...cacheState(row), analysisVersion: row.analysis_version, outlineJson: row.outline } : null;
}

/**
 * The run's content version, read before its spans are loaded for an analysis: a log
 * record that changes their content afterwards bumps it, so the result stored with
 * this version is stale. 0 for a run not stored.
 */
export async function readContentVersion(pool: Pool, projectId: string, traceId: string): Promise<number> {
  const r = await pool.query<{ v: number }>(`SELECT content_version AS v FROM traces WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
  return r.rows[0]?.v ?? 0;
}

/** What {@link storeRunAnalysis} writes. */
export interface StoredAnalysis {
  /** How many spans the result was computed from (not the run's counter read earlier). */
  spanCount: number;
  /** The run's content version read before the spans were loaded (readContentVersion); 0 when omitted. */
  contentVersion?: number;
  /** The result, stored as JSON. */
  result: unknown;
  /** The run page's part of the result as JSON text (served by readCachedDiagnosis as it is); omitted: trimmed on read. */
  diagnosisJson?: string;
  /** The run page's outline as JSON text (served by readCachedOutline as it is); omitted: none stored. */
  outlineJson?: string;
  /** The analyzer version of `result`, stored beside it so readCachedOutline need not read `result`. */
  analysisVersion?: string;
  /** The list badges. */
  onsetSpanId: string | null;
  loopCount: number;
  costFindingCount: number;
  /** The failed run's failure-mode signature (repositories/failure-modes.ts), null when none. */
  failureMode?: FailureModeParts | null;
}

/**
 * Stores a run's analysis and its badges (and its failure mode, and the run it replays:
 * repositories/replays.ts) in one statement, then
 * records the mode itself. The run is marked analyzed
 * only when the result saw every stored span and the current content version; otherwise
 * the quiet-run timer picks it up again (spans that arrived meanwhile are either in the
 * result or make it stale, and so does content a log record filled in meanwhile).
 */
export async function storeRunAnalysis(pool: Pool, projectId: string, traceId: string, stored: StoredAnalysis): Promise<void> {
  await pool.query(
    `WITH cache AS (
       INSERT INTO trace_analyses (project_id, trace_id, span_count, content_version, result, diagnosis, outline, analysis_version, computed_at)
       VALUES ($1, $2, $3, $9, $4::jsonb, $10, $11, $12, now())
       ON CONFLICT (project_id, trace_id) DO UPDATE
         SET span_count = excluded.span_count, content_version = excluded.content_version, result = excluded.result,
             diagnosis = excluded.diagnosis, outline = excluded.outline, analysis_version = excluded.analysis_version,
             computed_at = excluded.computed_at
     )
     UPDATE traces SET onset_span_id = $5, loop_count = $6, cost_finding_count = $7, failure_mode = $8,
       replay_of = coalesce(replay_of, ${REPLAY_OF_FROM_SPANS}),
       analyzed_at = CASE WHEN span_count = $3 AND content_version = $9 THEN updated_at ELSE analyzed_at END
      WHERE project_id = $1 AND trace_id = $2`,
    [
      projectId,
      traceId,
      stored.spanCount,
      JSON.stringify(stored.result),
      stored.onsetSpanId,
      stored.loopCount,
      stored.costFindingCount,
      stored.failureMode?.key ?? null,
      stored.contentVersion ?? 0,
      stored.diagnosisJson ?? null,
      stored.outlineJson ?? null,
      stored.analysisVersion ?? null,
    ],
  );
  if (stored.failureMode) await recordFailureMode(pool, projectId, traceId, stored.failureMode);
}

/**
 * Runs that went quiet (no new span for `quietMs`) and whose stored analysis is missing
 * or older than their last span batch, oldest first, at most `limit`.
 */
export async function listQuietRuns(pool: Pool, quietMs: number, limit: number): Promise<{ projectId: string; traceId: string }[]> {
  const due = await pool.query<{ project_id: string; trace_id: string }>(
    `SELECT project_id, trace_id FROM traces
      WHERE updated_at <= now() - make_interval(secs => $1::float8 / 1000.0)
        AND (analyzed_at IS NULL OR analyzed_at < updated_at)
      ORDER BY updated_at LIMIT $2`,
    [Math.max(0, quietMs), limit],
  );
  return due.rows.map((r) => ({ projectId: r.project_id, traceId: r.trace_id }));
}

/**
 * Whether a run's stored analysis is missing or older than its last span batch (what
 * listQuietRuns selects, for one run): a queued analysis job checks it first, so a run
 * listed twice by overlapping scans is analyzed once.
 */
export async function isRunAnalysisDue(pool: Pool, projectId: string, traceId: string): Promise<boolean> {
  const r = await pool.query<{ due: boolean }>(
    `SELECT (analyzed_at IS NULL OR analyzed_at < updated_at) AS due FROM traces WHERE project_id = $1 AND trace_id = $2`,
    [projectId, traceId],
  );
  return r.rows[0]?.due ?? false;
}

/** Parks a run until its spans change (marks it analyzed as of now), so one bad run cannot starve the quiet-run batch. */
export async function parkRun(pool: Pool, projectId: string, traceId: string): Promise<void> {
  await pool.query(`UPDATE traces SET analyzed_at = updated_at WHERE project_id = $1 AND trace_id = $2`, [projectId, traceId]);
}

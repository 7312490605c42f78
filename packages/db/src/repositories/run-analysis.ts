/**
 * Cached run analysis (docs/spec/design.md §3.4, §4: "analysis results ... are cached per trace").
 * The cache row in trace_analyses is valid while its span_count equals the run's
 * current span_count (spans are append-only and idempotent, so a changed count is
 * the only way a run's input changes) and its version matches the analyzer's.
 * Recomputing also writes the run's list badges (traces.onset_span_id, loop_count).
 * A user's verdict (run-verdicts.ts) is analyzeRun's `outcome` option wherever a run is
 * analyzed here (on read and by the quiet-run timer), so it wins over the run's own
 * outcome attributes and over inference; a cached result computed with another verdict
 * (or without one) is stale.
 */
import { ANALYSIS_VERSION, type AnalyzeOptions, type RunAnalysis, type RunOutcome } from "@onset/analysis";
import { analyzeRunOffThread } from "@onset/analysis/worker";
import type { Pool } from "pg";
import { importerMarkedRun, importerMarkedSpans, outcomeSourceOf, type OutcomeSource } from "./run-outcome-source";
import { listRunSpanFacts, type SpanFacts } from "./run-span-reads";
import type { RunSummary } from "./run-rows";
import { getRunVerdict, type RunVerdict } from "./run-verdicts";
import { getRunSummary, loadRunSpans } from "./runs";

/** Options of {@link getRunAnalysis}. */
export interface RunAnalysisOptions {
  /** Recompute even when the cached result is current. */
  force?: boolean;
  /** Passed to analyzeRun (loop thresholds); a stored verdict replaces its `outcome`. */
  analyze?: AnalyzeOptions;
}

/** A run's analysis, whether it came from the cache, the run's verdict and where its outcome came from. */
export interface RunAnalysisResult {
  analysis: RunAnalysis;
  cached: boolean;
  /** The user's verdict the analysis was computed with, or null. */
  verdict: RunVerdict | null;
  /** Where `analysis.outcome` came from; null when the outcome is unknown. */
  outcomeSource: OutcomeSource | null;
}

/**
 * The analysis of one run: the cached result when it is current, else analyzeRun over
 * the stored spans (stored back, badges updated). Null when the project has no such run.
 */
export async function getRunAnalysis(
  pool: Pool,
  projectId: string,
  traceId: string,
  opts: RunAnalysisOptions = {},
): Promise<RunAnalysisResult | null> {
  // One cheap read decides: the trace's counter against the cache row's, no span loaded.
  const r = await pool.query<{ span_count: number; cached_count: number | null; result: RunAnalysis | null; has_verdict: boolean }>(
    `SELECT t.span_count, a.span_count AS cached_count, a.result, v.trace_id IS NOT NULL AS has_verdict
       FROM traces t
       LEFT JOIN trace_analyses a ON a.project_id = t.project_id AND a.trace_id = t.trace_id
       LEFT JOIN run_verdicts v ON v.project_id = t.project_id AND v.trace_id = t.trace_id
      WHERE t.project_id = $1 AND t.trace_id = $2`,
    [projectId, traceId],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (!opts.force && row.result && row.cached_count === row.span_count && row.result.version === ANALYSIS_VERSION) {
    const verdict = row.has_verdict ? await getRunVerdict(pool, projectId, traceId) : null;
    // Setting a verdict drops the cache row, but an analysis that read the old verdict
    // may finish after that: its result is stale if it disagrees with the verdict now.
    if (agreesWithVerdict(row.result.outcome, verdict)) {
      const importer = row.result.outcome.source === "attribute" && (await importerMarkedRun(pool, projectId, traceId));
      return { analysis: row.result, cached: true, verdict, outcomeSource: outcomeSourceOf(row.result.outcome, verdict !== null, importer) };
    }
  }
  return { ...(await analyzeAndStore(pool, projectId, traceId, opts.analyze)), cached: false };
}

/** True when an analysis' outcome is what the run's verdict (or its absence) makes it. */
function agreesWithVerdict(outcome: RunOutcome, verdict: RunVerdict | null): boolean {
  return verdict === null ? outcome.source !== "option" : outcome.source === "option" && outcome.status === verdict.outcome;
}

/** What the run page reads: the run's summary, its analysis, and every span's small facts (model, tool, tokens, cost). */
export interface RunAnalysisView extends RunAnalysisResult {
  run: RunSummary;
  spans: SpanFacts[];
}

/** The summary, analysis and span facts of one run, or null when the project has no such run. */
export async function getRunAnalysisView(
  pool: Pool,
  projectId: string,
  traceId: string,
  opts: RunAnalysisOptions = {},
): Promise<RunAnalysisView | null> {
  const [result, spans] = await Promise.all([getRunAnalysis(pool, projectId, traceId, opts), listRunSpanFacts(pool, projectId, traceId)]);
  // Read after the analysis, so the header's totals are at least as new as what was analyzed.
  const run = result ? await getRunSummary(pool, projectId, traceId) : null;
  return result && run ? { ...result, run, spans } : null;
}

/** Options of {@link analyzeQuietRuns}. */
export interface QuietRunOptions {
  /** Most runs analyzed per call (default 20): a timer calls again for the rest. */
  limit?: number;
  /** Told about a run whose analysis threw (it is not retried until new spans arrive). */
  onError?: (run: { projectId: string; traceId: string }, err: unknown) => void;
  /** Passed to analyzeRun. */
  analyze?: AnalyzeOptions;
}

/**
 * Analyzes runs that went quiet (no new span for `quietMs`) and whose stored analysis
 * is missing or older than their last span batch, oldest first, at most `limit` of
 * them; returns how many were analyzed. Meant for a timer, so list badges (onset,
 * loops) appear without anyone opening the run (docs/spec/design.md §3.4 "when a trace goes quiet").
 */
export async function analyzeQuietRuns(pool: Pool, quietMs: number, opts: QuietRunOptions = {}): Promise<number> {
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 1000));
  const due = await pool.query<{ project_id: string; trace_id: string }>(
    `SELECT project_id, trace_id FROM traces
      WHERE updated_at <= now() - make_interval(secs => $1::float8 / 1000.0)
        AND (analyzed_at IS NULL OR analyzed_at < updated_at)
      ORDER BY updated_at LIMIT $2`,
    [Math.max(0, quietMs), limit],
  );
  let analyzed = 0;
  for (const { project_id: projectId, trace_id: traceId } of due.rows) {
    try {
      await analyzeAndStore(pool, projectId, traceId, opts.analyze);
      analyzed++;
    } catch (err) {
      opts.onError?.({ projectId, traceId }, err);
      // Park the run until its spans change, so one bad run cannot starve the batch.
      await pool.query(
        `UPDATE traces SET analyzed_at = updated_at WHERE project_id = $1 AND trace_id = $2`,
        [projectId, traceId],
      );
    }
  }
  return analyzed;
}

/** Loads the spans and the verdict, analyzes them, stores the result and the run's badges. */
async function analyzeAndStore(
  pool: Pool,
  projectId: string,
  traceId: string,
  options: AnalyzeOptions | undefined,
): Promise<Omit<RunAnalysisResult, "cached">> {
  const [spans, verdict] = await Promise.all([loadRunSpans(pool, projectId, traceId), getRunVerdict(pool, projectId, traceId)]);
  // In a worker thread with a time budget: a huge or hostile run throws
  // AnalysisTimeoutError instead of stalling this process's event loop.
  const analysis = await analyzeRunOffThread(spans, verdict ? { ...options, outcome: verdict.outcome } : options);
  // span_count records what was analyzed (spans.length), not the counter read earlier:
  // spans that arrived in between are then either in this result or make it stale.
  await pool.query(
    `WITH cache AS (
       INSERT INTO trace_analyses (project_id, trace_id, span_count, result, computed_at)
       VALUES ($1, $2, $3, $4::jsonb, now())
       ON CONFLICT (project_id, trace_id) DO UPDATE
         SET span_count = excluded.span_count, result = excluded.result, computed_at = excluded.computed_at
     )
     UPDATE traces SET onset_span_id = $5, loop_count = $6,
       -- Marked analyzed only when the analysis saw every stored span; else the quiet
       -- timer picks the run up again.
       analyzed_at = CASE WHEN span_count = $3 THEN updated_at ELSE analyzed_at END
      WHERE project_id = $1 AND trace_id = $2`,
    [projectId, traceId, spans.length, JSON.stringify(analysis), analysis.onset?.spanId ?? null, analysis.loops.length],
  );
  return { analysis, verdict, outcomeSource: outcomeSourceOf(analysis.outcome, verdict !== null, importerMarkedSpans(spans)) };
}

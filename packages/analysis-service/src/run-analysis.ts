/**
 * Run analysis as a service: load a run's spans and verdict from @onset/db, run the pure
 * analyzer (@onset/analysis, off-thread with a time budget), and cache the result with
 * the run's list badges (docs/spec/design.md §3.4, §4: results are cached per run). The
 * one place that does this, for the web app, the CLI's background analysis and the
 * workers; packages/db only stores (repositories/analysis-cache.ts).
 *
 * A cached result is current while its span count and content version equal the run's
 * (log records that fill a stored span's content later, GenAI events, bump the version)
 * and its version is the analyzer's. A user's verdict is analyzeRun's `outcome` option wherever a run is
 * analyzed here (on read and by the quiet-run timer), so it wins over the run's own
 * outcome attributes and over inference; a cached result computed with another verdict
 * (or without one) is stale.
 */
import { costOutlier, failureSignature, type AnalyzeOptions, type RunAnalysis, type RunOutcome } from "@onset/analysis";
import { analyzeRunOffThread } from "@onset/analysis/worker";
import {
  getRunSummary,
  getRunVerdict,
  importerMarkedRun,
  importerMarkedSpans,
  isRunAnalysisDue,
  listQuietRuns,
  listRunSpanFacts,
  loadRunSpans,
  parkRun,
  readCachedAnalysis,
  readCachedDiagnosis,
  readContentVersion,
  runCostBaseline,
  storeRunAnalysis,
  type OutcomeSource,
  type JudgeRunSettings,
  type Pool,
  type RunSummary,
  type RunVerdict,
  type SpanFacts,
} from "@onset/db";
import { storedAnalysisIsCurrent } from "./cache-current";
import { diagnosisPart } from "./diagnosis-part";
import { encodeOutline, outlineGroupsOf } from "./outline-codec";
import { judgeIfFailedRunsMode, type JudgeRunOptions } from "./judge-run";
import { outcomeSourceOf } from "./outcome-source";
import { untimed, type PhaseTimer } from "./phase-timer";
import { analyzeAndStoreInThread } from "./store-thread";

/** Options of {@link getRunAnalysis}. */
export interface RunAnalysisOptions {
  /** Recompute even when the cached result is current. */
  force?: boolean;
  /** Passed to analyzeRun (loop thresholds); a stored verdict replaces its `outcome`. */
  analyze?: AnalyzeOptions;
  /** Times the phases (`cache-read`; on a miss `load-spans`, `analyze`, `store`). */
  time?: PhaseTimer;
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
  const time = opts.time ?? untimed;
  const row = await time("cache-read", () => readCachedAnalysis<RunAnalysis>(pool, projectId, traceId));
  if (!row) return null;
  if (!opts.force && row.result && storedAnalysisIsCurrent(row, row.result.version)) {
    const verdict = row.hasVerdict ? await getRunVerdict(pool, projectId, traceId) : null;
    // Setting a verdict drops the cache row, but an analysis that read the old verdict
    // may finish after that: its result is stale if it disagrees with the verdict now.
    if (agreesWithVerdict(row.result.outcome, verdict)) {
      const importer = row.result.outcome.source === "attribute" && (await importerMarkedRun(pool, projectId, traceId));
      return { analysis: row.result, cached: true, verdict, outcomeSource: outcomeSourceOf(row.result.outcome, verdict !== null, importer) };
    }
  }
  return { ...(await analyzeAndStore(pool, projectId, traceId, opts.analyze, time)), cached: false };
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

/**
 * The summary, analysis and span facts of one run, or null when the project has no such
 * run. `facts: false` skips the span facts (empty): the run page reads them with the
 * run's outline (run-outline.ts).
 */
export async function getRunAnalysisView(
  pool: Pool,
  projectId: string,
  traceId: string,
  opts: RunAnalysisOptions & { facts?: boolean } = {},
): Promise<RunAnalysisView | null> {
  const [result, spans] = await Promise.all([
    getRunAnalysis(pool, projectId, traceId, opts),
    opts.facts === false ? Promise.resolve([]) : listRunSpanFacts(pool, projectId, traceId),
  ]);
  // Read after the analysis, so the header's totals are at least as new as what was analyzed.
  const run = result ? await (opts.time ?? untimed)("summary", () => getRunSummary(pool, projectId, traceId)) : null;
  return result && run ? { ...result, run, spans } : null;
}

/**
 * The run page's diagnosis as served: either the stored analysis' page part as JSON
 * text (trimmed by the database, never parsed here: `json`), or, when the cache was not
 * current, the analysis just computed (`view`, to be trimmed by the caller).
 */
export type RunDiagnosis =
  | { json: string; run: RunSummary; verdict: RunVerdict | null; outcomeSource: OutcomeSource | null; cached: boolean }
  | { view: RunAnalysisView };

/** Options of {@link getRunDiagnosis}. */
export interface RunDiagnosisOptions {
  /** Times the phases (`cache-read`, `summary`; on a miss `in-thread` or `load-spans`, `analyze`, `store`). */
  time?: PhaseTimer;
  /**
   * The database `pool` reaches: when given, a run whose cache is not current is
   * analyzed and stored in a thread of its own (store-thread.ts) and read back from the
   * cache, so loading its content does not hold this process's other answers; if the
   * thread fails, or its result is not current when read, it is computed here instead.
   */
  databaseUrl?: string;
}

/**
 * What the run page's `/diagnosis` reads, or null when the project has no such run. A
 * current cache row (as {@link getRunAnalysis} decides) is read as the run page's part of
 * the result in JSON text, so a cached open costs this process no parsing of the whole
 * analysis; otherwise the analysis is computed and stored (in the store thread when
 * `databaseUrl` is given, else as getRunAnalysisView does).
 */
export async function getRunDiagnosis(pool: Pool, projectId: string, traceId: string, opts: RunDiagnosisOptions = {}): Promise<RunDiagnosis | null> {
  const time = opts.time ?? untimed;
  const row = await time("cache-read", () => readCachedDiagnosis<RunOutcome>(pool, projectId, traceId));
  if (!row) return null;
  if (storedAnalysisIsCurrent(row, row.version) && row.outcome && row.diagnosisJson) {
    const verdict = row.hasVerdict ? await getRunVerdict(pool, projectId, traceId) : null;
    if (agreesWithVerdict(row.outcome, verdict)) {
      const [importer, run] = await time("summary", () =>
        Promise.all([row.outcome!.source === "attribute" && importerMarkedRun(pool, projectId, traceId), getRunSummary(pool, projectId, traceId)]),
      );
      if (run) return { json: row.diagnosisJson, run, verdict, cached: true, outcomeSource: outcomeSourceOf(row.outcome, verdict !== null, importer) };
    }
  }
  if (opts.databaseUrl) {
    const stored = await time("in-thread", () => analyzeAndStoreInThread(opts.databaseUrl!, projectId, traceId).then(() => true, () => false));
    // Read back from the cache, but computed by this request: `cached` says so.
    const d = stored ? await getRunDiagnosis(pool, projectId, traceId, { time }) : null;
    if (d) return "json" in d ? { ...d, cached: false } : d;
  }
  const view = await getRunAnalysisView(pool, projectId, traceId, { facts: false, time });
  return view ? { view } : null;
}

/** Options of {@link analyzeQuietRuns}. */
export interface QuietRunOptions {
  /** Most runs analyzed per call (default 20): a timer calls again for the rest. */
  limit?: number;
  /** Told about a run whose analysis threw (it is not retried until new spans arrive). */
  onError?: (run: { projectId: string; traceId: string }, err: unknown) => void;
  /** Passed to analyzeRun. */
  analyze?: AnalyzeOptions;
  /** How the judge is reached for projects whose judge mode is "failed_runs"; false: never call it. */
  judge?: JudgeRunOptions | false;
}

/**
 * Analyzes runs that went quiet (no new span for `quietMs`) and whose stored analysis
 * is missing or older than their last span batch, oldest first, at most `limit` of
 * them; returns how many were analyzed. A failed run of a project whose judge mode is
 * "failed_runs" is judged too (judge-run.ts). Meant for a timer, so list badges (onset,
 * loops) appear without anyone opening the run (docs/spec/design.md §3.4 "when a trace goes quiet").
 */
export async function analyzeQuietRuns(pool: Pool, quietMs: number, opts: QuietRunOptions = {}): Promise<number> {
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 1000));
  let analyzed = 0;
  // One settings read per project per pass for the judge hook.
  const judge = opts.judge === false ? false : { ...opts.judge, settingsCache: new Map<string, JudgeRunSettings>() };
  for (const run of await listQuietRuns(pool, quietMs, limit)) {
    if ((await analyzeQuietRun(pool, run, { ...opts, judge })).outcome === "analyzed") analyzed++;
  }
  return analyzed;
}

/**
 * Starts the analysis thread now (an empty run), so a worker's first job does not pay
 * for the thread's start-up inside its expiry clock.
 */
export async function warmAnalysis(): Promise<void> {
  await analyzeRunOffThread([]);
}

/** What {@link analyzeQuietRun} did with a run (and how many spans it analyzed). */
export type QuietRunOutcome = { outcome: "analyzed"; spanCount: number } | { outcome: "current" | "failed" };

/**
 * Analyzes one quiet run unless its stored analysis is already current (a job queue's
 * unit of work: the same run queued twice is analyzed once). A run whose analysis throws
 * is parked until its spans change, as analyzeQuietRuns does, and reported as "failed".
 * A failed run of a project whose judge mode is "failed_runs" is judged too (judge-run.ts).
 */
export async function analyzeQuietRun(
  pool: Pool,
  run: { projectId: string; traceId: string },
  opts: Pick<QuietRunOptions, "onError" | "analyze"> & { judge?: (JudgeRunOptions & { settingsCache?: Map<string, JudgeRunSettings> }) | false } = {},
): Promise<QuietRunOutcome> {
  if (!(await isRunAnalysisDue(pool, run.projectId, run.traceId))) return { outcome: "current" };
  let analysis: RunAnalysis;
  try {
    analysis = (await analyzeAndStore(pool, run.projectId, run.traceId, opts.analyze)).analysis;
  } catch (err) {
    opts.onError?.(run, err);
    await parkRun(pool, run.projectId, run.traceId);
    return { outcome: "failed" };
  }
  // Judge mode "failed_runs": the judge's report is stored beside the analysis (its own
  // failures are reports, not errors; a storage error is told, the analysis stands).
  if (opts.judge !== false) {
    await judgeIfFailedRunsMode(pool, run.projectId, run.traceId, analysis, opts.judge ?? {}).catch((err: unknown) => opts.onError?.(run, err));
  }
  return { outcome: "analyzed", spanCount: analysis.spanCount };
}

/** Loads the spans and the verdict, analyzes them, stores the result and the run's badges (exported for the store thread). */
export async function analyzeAndStore(
  pool: Pool,
  projectId: string,
  traceId: string,
  options: AnalyzeOptions | undefined,
  time: PhaseTimer = untimed,
): Promise<Omit<RunAnalysisResult, "cached">> {
  // Read before the spans: content a log record fills in after this makes the result stale.
  const contentVersion = await readContentVersion(pool, projectId, traceId);
  const [spans, verdict, baseline, facts] = await time("load-spans", () =>
    Promise.all([
      loadRunSpans(pool, projectId, traceId),
      getRunVerdict(pool, projectId, traceId),
      runCostBaseline(pool, projectId, traceId),
      listRunSpanFacts(pool, projectId, traceId),
    ]),
  );
  // In a worker thread with a time budget: a huge or hostile run throws
  // AnalysisTimeoutError instead of stalling this process's event loop.
  const analysis = await time("analyze", () => analyzeRunOffThread(spans, verdict ? { ...options, outcome: verdict.outcome } : options));
  // The analyzer sees one run; comparing its cost with its siblings' is done here
  // (docs/spec/failure-onset.md §4b), and cached with the rest as of this analysis.
  const outlier = costOutlier(analysis.breakdown.total.costUsd, analysis.steps, baseline);
  if (outlier) analysis.costFindings = [outlier, ...analysis.costFindings];
  // spanCount records what was analyzed (spans.length), not the counter read earlier.
  await time("store", () =>
    storeRunAnalysis(pool, projectId, traceId, {
      spanCount: spans.length,
      contentVersion,
      result: analysis,
      diagnosisJson: JSON.stringify(diagnosisPart(analysis)),
      // The run page's outline with this analysis' step and stage grouping: /outline sends
      // it as it is while current (run-outline.ts). Facts of spans that arrived after the
      // load are not in the tree and not encoded; the row is then stale anyway.
      outlineJson: JSON.stringify(encodeOutline(analysis.tree, facts, outlineGroupsOf(analysis))),
      analysisVersion: analysis.version,
      onsetSpanId: analysis.onset?.spanId ?? null,
      loopCount: analysis.loops.length,
      costFindingCount: analysis.costFindings.length,
      failureMode: failureSignature(analysis),
    }),
  );
  return { analysis, verdict, outcomeSource: outcomeSourceOf(analysis.outcome, verdict !== null, importerMarkedSpans(spans)) };
}

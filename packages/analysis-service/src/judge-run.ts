/**
 * The optional LLM judge on a stored run (issue 18): the project's judge settings (key
 * opened from its sealed form), the run's cached analysis and spans, judgeOnset against
 * the configured OpenAI-compatible endpoint, and the report stored beside the analysis
 * (packages/db run-judgements.ts). The deterministic analysis is never changed: the run
 * page shows the judge's pick next to it. Waiting on the endpoint is asynchronous I/O
 * bounded by the configured timeout; building the prompt is linear in the run's spans.
 */
import { judgeOnset, type FetchLike, type JudgeReport, type RunAnalysis } from "@onset/analysis";
import { loadJudgeSettings, loadRunSpans, readRunJudgement, storeRunJudgement, type JudgeRunSettings, type Pool, type StoredJudgement } from "@onset/db";
import { OnsetError } from "@onset/otlp";

/** How the judge reaches its endpoint and reads its key (tests pass their own). */
export interface JudgeRunOptions {
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Where ONSET_SECRET_KEY is read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** A run's latest judge report. */
export type RunJudgement = StoredJudgement<JudgeReport>;

/** Why the judge cannot run for a project at all (409: a setting, not the run, is the problem), else null. */
export function judgeUnavailable(settings: JudgeRunSettings): OnsetError | null {
  if (settings.mode === "off") return new OnsetError(409, "judge_off", "the LLM judge is off for this project; an admin can turn it on under Settings → Judge");
  if (!settings.baseUrl || !settings.model) return new OnsetError(409, "judge_not_configured", "the LLM judge has no endpoint or model set; an admin can set them under Settings → Judge");
  return null;
}

/** A failed report for a judge that could not be called, deterministic onset kept. */
function notCalled(analysis: RunAnalysis, model: string, why: string): JudgeReport {
  return {
    status: "failed",
    note: `${why}; deterministic onset kept`,
    model,
    ranking: [],
    explanation: null,
    category: null,
    pick: null,
    deterministicStepId: analysis.onset?.stepId ?? null,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    latencyMs: 0,
  };
}

/** Judges an analyzed run with loaded settings and stores the report; null when the run is gone. */
export async function judgeWith(pool: Pool, projectId: string, traceId: string, settings: JudgeRunSettings, analysis: RunAnalysis, opts: JudgeRunOptions): Promise<RunJudgement | null> {
  const spans = await loadRunSpans(pool, projectId, traceId);
  const model = settings.model!;
  const report = settings.keyProblem
    ? notCalled(analysis, model, `the stored judge key cannot be used: ${settings.keyProblem}`)
    : (
        await judgeOnset(
          analysis,
          {
            baseUrl: settings.baseUrl!,
            model,
            ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
            timeoutMs: settings.timeoutMs,
            promptTokenBudget: settings.promptTokenBudget,
            inputUsdPerMTok: settings.inputUsdPerMTok,
            outputUsdPerMTok: settings.outputUsdPerMTok,
          },
          opts.fetch ?? (fetch as FetchLike),
          spans,
        )
      ).judge!;
  if (!(await storeRunJudgement(pool, projectId, traceId, spans.length, report))) return null;
  return readRunJudgement<JudgeReport>(pool, projectId, traceId);
}

/** A run's latest judge report, or null when it was never judged. */
export async function readJudgement(pool: Pool, projectId: string, traceId: string): Promise<RunJudgement | null> {
  return readRunJudgement<JudgeReport>(pool, projectId, traceId);
}

/**
 * The background analysis' hook: judges a just-analyzed failed run when its project's
 * judge mode is "failed_runs" and the run was not judged at this span count already.
 * Returns whether the judge was called. `settingsCache` spares a settings read per run.
 */
export async function judgeIfFailedRunsMode(
  pool: Pool,
  projectId: string,
  traceId: string,
  analysis: RunAnalysis,
  opts: JudgeRunOptions & { settingsCache?: Map<string, JudgeRunSettings> } = {},
): Promise<boolean> {
  if (analysis.outcome.status !== "failed" || analysis.onset === null) return false;
  let settings = opts.settingsCache?.get(projectId);
  if (!settings) {
    settings = await loadJudgeSettings(pool, projectId, opts.env);
    opts.settingsCache?.set(projectId, settings);
  }
  if (settings.mode !== "failed_runs" || judgeUnavailable(settings)) return false;
  const previous = await readRunJudgement(pool, projectId, traceId);
  if (previous && previous.spanCount >= analysis.spanCount) return false;
  await judgeWith(pool, projectId, traceId, settings, analysis, opts);
  return true;
}

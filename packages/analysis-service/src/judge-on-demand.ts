/**
 * The judge on demand (POST /runs/{traceId}/judge): the run's analysis as GET /analysis
 * obtains it, then judge-run.ts's judgeWith.
 */
import { loadJudgeSettings, type Pool } from "@onset/db";
import { judgeUnavailable, judgeWith, type JudgeRunOptions, type RunJudgement } from "./judge-run";
import { getRunAnalysis } from "./run-analysis";

/**
 * Runs the judge on one run now and stores its report. Null when the project has no such
 * run (checked first); throws OnsetError 409 when the project's judge is off or not configured. A
 * timeout, an HTTP error or an unusable reply is a stored report with status "failed"
 * and a note saying why, not an error.
 */
export async function judgeRun(pool: Pool, projectId: string, traceId: string, opts: JudgeRunOptions = {}): Promise<RunJudgement | null> {
  const result = await getRunAnalysis(pool, projectId, traceId);
  if (!result) return null;
  const settings = await loadJudgeSettings(pool, projectId, opts.env);
  const problem = judgeUnavailable(settings);
  if (problem) throw problem;
  return judgeWith(pool, projectId, traceId, settings, result.analysis, opts);
}


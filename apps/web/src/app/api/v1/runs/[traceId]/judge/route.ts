import { judgeRun, readJudgement } from "@onset/analysis-service";
import { getRunSummary, readAnalysisSettings } from "@onset/db";
import { runJudgeEndpoint } from "@/contracts/judge";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/judge: `{judgement, mode}`: the run's latest LLM judge report
 * (`{report, spanCount, judgedAt}`, or null) and the project's judge mode. 404 for a run
 * not in the caller's project.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const { pool } = serverContext();
    const [judgement, settings, run] = await Promise.all([
      readJudgement(pool, principal.projectId, traceId),
      readAnalysisSettings(pool, principal.projectId),
      getRunSummary(pool, principal.projectId, traceId),
    ]);
    if (!run) throw notFound(`run ${traceId}`);
    return { judgement, mode: settings.judge.mode };
  },
  { contract: runJudgeEndpoint },
);

/**
 * POST /api/v1/runs/{traceId}/judge: asks the project's LLM judge about the run now and
 * answers like GET. The call is bounded by the judge's timeout; a timeout or a bad reply
 * is a report with status "failed" saying why (the deterministic onset stands). 409 when
 * the judge is off or not configured. Members and up; keys with the admin scope.
 */
export const POST = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const { pool } = serverContext();
    const judgement = await judgeRun(pool, principal.projectId, traceId);
    if (!judgement) throw notFound(`run ${traceId}`);
    return { judgement, mode: (await readAnalysisSettings(pool, principal.projectId)).judge.mode };
  },
  { access: "write", contract: runJudgeEndpoint },
);

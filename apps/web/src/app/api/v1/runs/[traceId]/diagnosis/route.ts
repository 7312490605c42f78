import { getRunAnalysisView } from "@onset/analysis-service";
import { diagnosisEndpoint, DiagnosisResponseSchema } from "@/contracts/run";
import { ApiError, notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/diagnosis: what the run page draws of the run's analysis
 * (onset, chain, loops, labels, the step and stage summaries without their transitions,
 * the DAG, the verdict): `/analysis` without the span tree and facts (`/outline` serves
 * them), the cost breakdown (`/breakdown`) and per-step transitions and tokens. Computed
 * and cached exactly like `/analysis`; validated before it is sent.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const view = await getRunAnalysisView(serverContext().pool, principal.projectId, traceId, { facts: false });
    if (!view) throw notFound(`run ${traceId}`);
    const { tree: _tree, breakdown: _breakdown, ...analysis } = view.analysis;
    const body = DiagnosisResponseSchema.safeParse({
      ...analysis,
      steps: analysis.steps.map(({ transition: _t, tokens: _k, ...step }) => step),
      verdict: view.verdict,
      outcomeSource: view.outcomeSource,
      run: view.run,
      cached: view.cached,
    });
    // A result that fails its own schema is the analyzer's bug, not the caller's: 500, not 400.
    if (!body.success) {
      const where = body.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new ApiError(500, "invalid_analysis", `the analysis of run ${traceId} does not match its schema (${where}); retry /analysis?refresh=true`);
    }
    return body.data;
  },
  { contract: diagnosisEndpoint },
);

import { getRunAnalysisView } from "@onset/analysis-service";
import { analysisEndpoint, RunAnalysisResponseSchema } from "@/contracts/run";
import { ApiError, notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/analysis: the run's analysis (cached per run while its span
 * count holds and its verdict has not changed) with the run's verdict, the source of its
 * outcome, the run's summary and per-span facts, validated against the
 * analysis schema before it is sent (in production too: it comes from a cache).
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId }, query }) => {
    const view = await getRunAnalysisView(serverContext().pool, principal.projectId, traceId, { force: query.refresh === "true" });
    if (!view) throw notFound(`run ${traceId}`);
    const body = RunAnalysisResponseSchema.safeParse({
      ...view.analysis,
      verdict: view.verdict,
      outcomeSource: view.outcomeSource,
      run: view.run,
      cached: view.cached,
      spans: view.spans,
    });
    // A result that fails its own schema is the analyzer's bug, not the caller's: 500, not 400.
    if (!body.success) {
      const where = body.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new ApiError(500, "invalid_analysis", `the analysis of run ${traceId} does not match its schema (${where}); retry with ?refresh=true`);
    }
    return body.data;
  },
  { contract: analysisEndpoint },
);

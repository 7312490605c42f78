import { getRunAnalysis } from "@onset/analysis-service";
import { breakdownEndpoint } from "@/contracts/run";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/breakdown: the run's cost and token breakdown (by model,
 * agent, tool and step) from its analysis, computed and cached like `/analysis`. The run
 * page's Cost tab reads it when opened.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const result = await getRunAnalysis(serverContext().pool, principal.projectId, traceId);
    if (!result) throw notFound(`run ${traceId}`);
    return { breakdown: result.analysis.breakdown };
  },
  { contract: breakdownEndpoint },
);

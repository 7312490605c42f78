import { buildReplayBundle } from "@onset/analysis";
import { getRunAnalysis } from "@onset/analysis-service";
import { loadRunSpans } from "@onset/db";
import { replayEndpoint } from "@/contracts/run";
import { ApiError, notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/replay: the run's replay bundle (docs/spec/public-api.md):
 * the conversation just before the onset step's decision in OpenAI chat format, the
 * tools, model and parameters, and a diagnosis message to inject. The analysis is
 * obtained as GET /analysis obtains it (cached, else computed off-thread). 409 when the
 * run has no onset; `?download=1` sends it as `replay-<traceId>.json`.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId }, query }) => {
    const { pool } = serverContext();
    const result = await getRunAnalysis(pool, principal.projectId, traceId);
    if (!result) throw notFound(`run ${traceId}`);
    const bundle = buildReplayBundle(await loadRunSpans(pool, principal.projectId, traceId), result.analysis);
    if (!bundle) throw new ApiError(409, "no_onset", "this run has no onset to replay from");
    if (query.download !== "1") return bundle;
    return new Response(JSON.stringify(bundle, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="replay-${traceId}.json"`,
      },
    });
  },
  { access: "read", contract: replayEndpoint },
);

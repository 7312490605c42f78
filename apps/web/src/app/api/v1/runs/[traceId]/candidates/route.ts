import { listDiffCandidates } from "@onset/db";
import { candidatesEndpoint } from "@/contracts/run";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/candidates: runs to compare this one with (same task or
 * same root name), most recent first, the run itself excluded.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId }, query: { limit, status } }) => {
    const found = await listDiffCandidates(serverContext().pool, principal.projectId, traceId, { limit, status });
    if (!found) throw notFound(`run ${traceId}`);
    return found;
  },
  { contract: candidatesEndpoint },
);

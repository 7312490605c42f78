import { getRunSpanPage } from "@onset/db";
import { runPageEndpoint } from "@/contracts/run";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}[?limit=1..1000&cursor=]: the run's summary and its spans in
 * start order, a page at a time (default and most: 1000); `nextCursor` fetches the next
 * page and is null on the last.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId }, query: { limit, cursor } }) => {
    const page = await getRunSpanPage(serverContext().pool, principal.projectId, traceId, { limit, cursor });
    if (!page) throw notFound(`run ${traceId}`);
    return page;
  },
  { contract: runPageEndpoint },
);

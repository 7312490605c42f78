import { searchRunSpans } from "@onset/db";
import { searchEndpoint } from "@/contracts/run";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/search?q=: span ids of the run whose name, input, output,
 * tool call, error or status message contain the text (case-insensitive), in start
 * order, at most 1,000 (`truncated` says there were more). The run page's search box.
 * A run the project does not have has no matches.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId }, query: { q } }) => searchRunSpans(serverContext().pool, principal.projectId, traceId, q),
  { contract: searchEndpoint },
);

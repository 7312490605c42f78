import { getRunSpan } from "@onset/db";
import { spanEndpoint } from "@/contracts/run";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/spans/{spanId}: one span in full (input, output, tool call,
 * attributes, events, error): the run page's detail panel, without loading the whole run.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId, spanId } }) => {
    const span = await getRunSpan(serverContext().pool, principal.projectId, traceId, spanId);
    if (!span) throw notFound(`span ${spanId} of run ${traceId}`);
    return { span };
  },
  { contract: spanEndpoint },
);

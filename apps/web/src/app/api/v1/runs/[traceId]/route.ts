import { getRunSpanPage, MAX_SPAN_PAGE } from "@onset/db";
import { z } from "zod";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { TraceIdParam } from "@/server/params";

export const dynamic = "force-dynamic";

const Query = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_SPAN_PAGE).optional(),
    cursor: z.string().max(500).optional(),
    project: z.string().max(200).optional(),
  })
  .strict();

/**
 * GET /api/v1/runs/{traceId}[?limit=1..1000&cursor=]: the run's summary and its spans in
 * start order, a page at a time (default and most: 1000); `nextCursor` fetches the next
 * page and is null on the last.
 */
export const GET = apiRoute<{ traceId: string }>(async ({ req, principal, params }) => {
  const traceId = TraceIdParam.parse(params.traceId);
  const q = Query.parse(Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== "")));
  const page = await getRunSpanPage(serverContext().pool, principal.projectId, traceId, q);
  if (!page) throw notFound(`run ${traceId}`);
  return page;
});

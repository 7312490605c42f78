import { searchRunSpans } from "@onset/db";
import { z } from "zod";
import { serverContext } from "@/server/context";
import { TraceIdParam } from "@/server/params";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** `?q=`: the text to find, 1 to 200 characters. */
const SearchText = z.string().trim().min(1, "q must not be empty").max(200, "q is at most 200 characters");

/**
 * GET /api/v1/runs/{traceId}/search?q=: span ids of the run whose name, input, output,
 * tool call, error or status message contain the text (case-insensitive), in start
 * order, at most 1,000 (`truncated` says there were more). The run page's search box.
 * A run the project does not have has no matches.
 */
export const GET = apiRoute<{ traceId: string }>(async ({ principal, params, req }) => {
  const traceId = TraceIdParam.parse(params.traceId);
  const q = SearchText.parse(req.nextUrl.searchParams.get("q") ?? "");
  return searchRunSpans(serverContext().pool, principal.projectId, traceId, q);
});

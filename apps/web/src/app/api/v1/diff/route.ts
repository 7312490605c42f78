import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { parseDiffQuery } from "@/lib/diff-query";
import { diffForRequest } from "./diff-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/diff?a={traceId}&b={traceId}: the run diff of docs/spec/public-api.md (A = a, B = b).
 * GET /api/v1/diff?a={traceId}&baseline={id,id,...|auto}: run a against baseline runs
 * of its task, with the noise floor (A = the closest baseline, B = a).
 */
export const GET = apiRoute(async ({ req, principal }) =>
  diffForRequest(serverContext().pool, principal.projectId, parseDiffQuery(req.nextUrl.searchParams)),
);

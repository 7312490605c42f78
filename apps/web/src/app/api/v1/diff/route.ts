import { diffEndpoint } from "@/contracts/diff";
import { diffRequestOf } from "@/lib/diff-query";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { diffForRequest } from "./diff-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/diff?a={traceId}&b={traceId}: the run diff of docs/spec/public-api.md (A = a, B = b).
 * GET /api/v1/diff?a={traceId}&baseline={id,id,...|auto}: run a against baseline runs
 * of its task, with the noise floor (A = the closest baseline, B = a).
 */
export const GET = apiRoute(async ({ principal, query }) => diffForRequest(serverContext().pool, principal.projectId, diffRequestOf(query)), {
  contract: diffEndpoint,
});

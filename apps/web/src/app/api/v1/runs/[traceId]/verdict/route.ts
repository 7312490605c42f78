import { giveVerdictEndpoint, verdictEndpoint } from "@/contracts/run";
import { apiRoute } from "@/server/route";
import { giveVerdict, readVerdict, takeBackVerdict } from "./verdict-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/verdict: `{verdict, outcome, outcomeSource, onsetSpanId}`,
 * verdict null when no one gave one. 404 for a run not in the caller's project.
 */
export const GET = apiRoute(async ({ principal, params }) => readVerdict(principal.projectId, params.traceId), { contract: verdictEndpoint });

/**
 * POST /api/v1/runs/{traceId}/verdict `{"outcome": "failed"|"succeeded", "note"?}`: stores
 * who said it and when (replacing any earlier verdict), re-analyzes the run with it, and
 * answers like GET. Sessions with the member role or above; keys with the admin scope.
 */
export const POST = apiRoute(async ({ principal, params, body }) => giveVerdict(principal, params.traceId, body), {
  access: "write",
  contract: giveVerdictEndpoint,
});

/** DELETE /api/v1/runs/{traceId}/verdict: takes the verdict back and re-analyzes; answers like GET. */
export const DELETE = apiRoute(async ({ principal, params }) => takeBackVerdict(principal.projectId, params.traceId), {
  access: "write",
  contract: verdictEndpoint,
});

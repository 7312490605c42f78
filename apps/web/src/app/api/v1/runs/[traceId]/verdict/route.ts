import { MAX_VERDICT_NOTE, VERDICT_OUTCOMES } from "@onset/db";
import { z } from "zod";
import { TraceIdParam } from "@/server/params";
import { apiRoute } from "@/server/route";
import { giveVerdict, readVerdict, takeBackVerdict } from "./verdict-service";

export const dynamic = "force-dynamic";

/** Body of POST: the outcome, and why (optional, at most 2000 characters). */
const VerdictBody = z
  .object({
    outcome: z.enum(VERDICT_OUTCOMES),
    note: z.string().max(MAX_VERDICT_NOTE).optional(),
  })
  .strict();

/** Query string of every method: only the project a session picks. */
const VerdictQuery = z.object({ project: z.string().max(200).optional() }).strict();

const parseQuery = (req: { nextUrl: URL }) => VerdictQuery.parse(Object.fromEntries(req.nextUrl.searchParams));

/**
 * GET /api/v1/runs/{traceId}/verdict: `{verdict, outcome, outcomeSource, onsetSpanId}`,
 * verdict null when no one gave one. 404 for a run not in the caller's project.
 */
export const GET = apiRoute<{ traceId: string }>(async ({ req, principal, params }) => {
  const traceId = TraceIdParam.parse(params.traceId);
  parseQuery(req);
  return readVerdict(principal.projectId, traceId);
});

/**
 * POST /api/v1/runs/{traceId}/verdict `{"outcome": "failed"|"succeeded", "note"?}`: stores
 * who said it and when (replacing any earlier verdict), re-analyzes the run with it, and
 * answers like GET. Sessions with the member role or above; keys with the admin scope.
 */
export const POST = apiRoute<{ traceId: string }>(
  async ({ req, principal, params }) => {
    const traceId = TraceIdParam.parse(params.traceId);
    parseQuery(req);
    const body = VerdictBody.parse(await req.json().catch(() => null));
    return giveVerdict(principal, traceId, body);
  },
  { access: "write" },
);

/** DELETE /api/v1/runs/{traceId}/verdict: takes the verdict back and re-analyzes; answers like GET. */
export const DELETE = apiRoute<{ traceId: string }>(
  async ({ req, principal, params }) => {
    const traceId = TraceIdParam.parse(params.traceId);
    parseQuery(req);
    return takeBackVerdict(principal.projectId, traceId);
  },
  { access: "write" },
);

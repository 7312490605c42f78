import { createRule, listRules, RuleInputSchema } from "@onset/alerts";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions, jsonBody } from "../_support/alert-route-support";

export const dynamic = "force-dynamic";

/** GET /api/v1/alerts/rules: the project's alert rules (secrets hidden: hasSecret, secretHint). */
export const GET = apiRoute(async ({ principal }) => ({ rules: await listRules(serverContext().pool, principal.projectId) }));

/**
 * POST /api/v1/alerts/rules: creates a rule (strict per-kind schema). The response
 * carries `webhookSecret` (generated unless given): the only time it is shown.
 */
export const POST = apiRoute(
  async ({ req, principal }) => {
    const input = RuleInputSchema.parse(await jsonBody(req));
    return createRule(serverContext().pool, principal.projectId, input, alertOptions(req));
  },
  { status: 201, access: "write" },
);

import { createRule, listRules } from "@onset/alerts";
import { createRuleEndpoint, listRulesEndpoint, MAX_ALERT_RULES } from "@/contracts/alerts";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions } from "../_support/alert-route-support";

export const dynamic = "force-dynamic";

/** GET /api/v1/alerts/rules?limit: the project's alert rules (secrets hidden: hasSecret, secretHint), 100 at most. */
export const GET = apiRoute(
  async ({ principal, query }) => ({ rules: (await listRules(serverContext().pool, principal.projectId)).slice(0, query.limit ?? MAX_ALERT_RULES) }),
  { contract: listRulesEndpoint },
);

/**
 * POST /api/v1/alerts/rules: creates a rule (strict per-kind schema). The response
 * carries `webhookSecret` (generated unless given): the only time it is shown.
 */
export const POST = apiRoute(
  async ({ req, principal, body }) => createRule(serverContext().pool, principal.projectId, body, alertOptions(req)),
  { status: 201, access: "write", contract: createRuleEndpoint },
);

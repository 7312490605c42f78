import { testFireRule } from "@onset/alerts";
import { testRuleEndpoint } from "@/contracts/alerts";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions } from "../../../_support/alert-route-support";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/alerts/rules/{id}/test: sends a test notification now (signed, logged,
 * retried like any other) and answers with the test event and its first attempt.
 */
export const POST = apiRoute(
  async ({ req, principal, params: { id } }) => {
    const event = await testFireRule(serverContext().pool, principal.projectId, id, alertOptions(req));
    if (!event) throw notFound(`alert rule ${id}`);
    return { event };
  },
  { access: "write", contract: testRuleEndpoint },
);

import { deleteRule, updateRule } from "@onset/alerts";
import { deleteRuleEndpoint, updateRuleEndpoint } from "@/contracts/alerts";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions } from "../../_support/alert-route-support";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/alerts/rules/{id}: edits a rule (enable/disable, threshold, target, rotateSecret, …). */
export const PATCH = apiRoute(
  async ({ req, principal, params: { id }, body }) => {
    const result = await updateRule(serverContext().pool, principal.projectId, id, body, alertOptions(req));
    if (!result) throw notFound(`alert rule ${id}`);
    return result;
  },
  { access: "write", contract: updateRuleEndpoint },
);

/** DELETE /api/v1/alerts/rules/{id}: deletes a rule and its history. */
export const DELETE = apiRoute(
  async ({ principal, params: { id } }) => {
    if (!(await deleteRule(serverContext().pool, principal.projectId, id))) throw notFound(`alert rule ${id}`);
    return { deleted: true, id };
  },
  { access: "write", contract: deleteRuleEndpoint },
);

import { deleteRule, RulePatchSchema, updateRule } from "@onset/alerts";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions, jsonBody, RuleIdParam } from "../../_support/alert-route-support";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/alerts/rules/{id}: edits a rule (enable/disable, threshold, target, rotateSecret, …). */
export const PATCH = apiRoute<{ id: string }>(async ({ req, principal, params }) => {
  const id = RuleIdParam.parse(params.id);
  const patch = RulePatchSchema.parse(await jsonBody(req));
  const result = await updateRule(serverContext().pool, principal.projectId, id, patch, alertOptions(req));
  if (!result) throw notFound(`alert rule ${id}`);
  return result;
}, { access: "write" });

/** DELETE /api/v1/alerts/rules/{id}: deletes a rule and its history. */
export const DELETE = apiRoute<{ id: string }>(async ({ principal, params }) => {
  const id = RuleIdParam.parse(params.id);
  if (!(await deleteRule(serverContext().pool, principal.projectId, id))) throw notFound(`alert rule ${id}`);
  return { deleted: true, id };
}, { access: "write" });

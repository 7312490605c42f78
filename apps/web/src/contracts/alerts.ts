/** Contract of /api/v1/alerts: rules (webhook targets, thresholds) and the history of fired alerts. */
import { MAX_RULES_PER_PROJECT, RulePatchSchema, RuleInputSchema, type RuleView } from "@onset/alerts";
import type { AlertEventDetail } from "@onset/db";
import { z } from "zod";
import { jsonObject, limitField, querySchema, type Endpoint, type ResponseOf } from "./endpoint";

/** Most rules a project may have (creating one more is a 409 `too_many_rules`); the listing answers them all. */
export const MAX_ALERT_RULES = MAX_RULES_PER_PROJECT;

/** Most events one page of the history answers. */
export const MAX_ALERT_EVENTS_PAGE = 200;

const RuleParams = z.object({ id: z.string().min(1).max(100) });
const RuleWrite = z.object({ rule: jsonObject<RuleView>(), webhookSecret: z.string().nullable().optional() });

/** GET /api/v1/alerts/rules?limit: the project's rules, oldest first (secrets hidden: hasSecret, secretHint). */
export const listRulesEndpoint = {
  query: querySchema({ limit: limitField(MAX_ALERT_RULES) }),
  response: z.object({ rules: z.array(jsonObject<RuleView>()) }),
} satisfies Endpoint;

/** POST /api/v1/alerts/rules: a rule (strict per-kind schema); the answer carries its webhook secret, once. */
export const createRuleEndpoint = { body: RuleInputSchema, response: RuleWrite } satisfies Endpoint;

/** PATCH /api/v1/alerts/rules/{id}: enable/disable, threshold, target, rotateSecret, … */
export const updateRuleEndpoint = { params: RuleParams, body: RulePatchSchema, response: RuleWrite } satisfies Endpoint;

/** DELETE /api/v1/alerts/rules/{id}: the rule and its history. */
export const deleteRuleEndpoint = {
  params: RuleParams,
  response: z.object({ deleted: z.literal(true), id: z.string() }),
} satisfies Endpoint;

/** POST /api/v1/alerts/rules/{id}/test: a test notification, sent now. */
export const testRuleEndpoint = {
  params: RuleParams,
  response: z.object({ event: jsonObject<AlertEventDetail>() }),
} satisfies Endpoint;

/** GET /api/v1/alerts/events?limit&cursor&ruleId&status&traceId: fired alerts, newest first, with every delivery attempt. */
export const listEventsEndpoint = {
  query: querySchema({
    limit: limitField(MAX_ALERT_EVENTS_PAGE),
    cursor: z.string().max(1000).optional(),
    ruleId: z.string().max(100).optional(),
    status: z.enum(["firing", "resolved"]).optional(),
    traceId: z.string().max(64).optional(),
  }),
  response: z.object({ events: z.array(jsonObject<AlertEventDetail>()), nextCursor: z.string().nullable() }),
} satisfies Endpoint;

/** Answer of GET /alerts/rules. */
export type RulesResponse = ResponseOf<typeof listRulesEndpoint>;
/** Answer of POST /alerts/rules and PATCH /alerts/rules/{id}. */
export type RuleWriteResponse = ResponseOf<typeof createRuleEndpoint>;
/** Answer of GET /alerts/events. */
export type EventsResponse = ResponseOf<typeof listEventsEndpoint>;
/** Answer of POST /alerts/rules/{id}/test. */
export type TestFireResponse = ResponseOf<typeof testRuleEndpoint>;

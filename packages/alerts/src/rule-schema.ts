/**
 * Schemas of rule input (POST /api/v1/alerts/rules) and rule edits (PATCH), strict at
 * the boundary (docs/spec/design.md §5). One object per kind, so each kind accepts exactly the
 * fields and config keys it uses: window and scope only for window kinds, re-notify
 * only where an alert stays firing, a loop rule's measure, a budget for window cost.
 */
import { z } from "zod";
import { FAILURE_MODE_TRIGGERS, LOOP_MEASURES, RULE_SCOPES } from "./rule-kinds";

const LOOP_KINDS = ["repeated-call", "cycle", "repeated-output", "stall"] as const;

/** An http(s) URL of at most 2000 characters. */
export const WebhookUrlSchema = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "webhookUrl must be an http:// or https:// URL");

/** A signing secret chosen by the user. */
export const WebhookSecretSchema = z.string().min(16, "webhookSecret must be at least 16 characters").max(256);

const common = {
  name: z.string().trim().min(1).max(200),
  webhookUrl: WebhookUrlSchema,
  /** Omitted: a secret is generated. null: deliveries are not signed. */
  webhookSecret: WebhookSecretSchema.nullable().optional(),
  slackFormat: z.boolean().optional(),
  enabled: z.boolean().optional(),
};
const nonNegative = z.number().finite().nonnegative();
const windowSec = z.number().int().min(60).max(7 * 86_400);
const renotifySec = z.number().int().min(60).max(7 * 86_400).nullable().optional();
const scope = z.enum(RULE_SCOPES).optional();
const emptyConfig = z.object({}).strict().optional();

/** A rule as created; `kind` selects which fields and config keys are allowed. */
export const RuleInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("run_cost"), threshold: nonNegative, config: emptyConfig, ...common }).strict(),
  z.object({ kind: z.literal("run_tokens"), threshold: nonNegative, config: emptyConfig, ...common }).strict(),
  z.object({ kind: z.literal("run_duration"), threshold: nonNegative, config: emptyConfig, ...common }).strict(),
  z
    .object({
      kind: z.literal("loop"),
      threshold: nonNegative,
      config: z
        .object({ measure: z.enum(LOOP_MEASURES).optional(), loopKinds: z.array(z.enum(LOOP_KINDS)).min(1).optional() })
        .strict()
        .optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      kind: z.literal("window_cost"),
      threshold: nonNegative,
      windowSec,
      scope,
      renotifySec,
      config: z.object({ dailyBudgetUsd: z.number().finite().positive().optional() }).strict().optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      kind: z.literal("error_rate"),
      threshold: z.number().min(0).max(1),
      windowSec,
      scope,
      renotifySec,
      config: z.object({ minRuns: z.number().int().min(1).max(100_000).optional() }).strict().optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      kind: z.literal("new_failure_mode"),
      /** Runs of the mode in the window before it fires (at least 1). */
      threshold: z.number().int().min(1).max(1_000_000),
      windowSec,
      renotifySec,
      config: z.object({ trigger: z.enum(FAILURE_MODE_TRIGGERS).optional() }).strict().optional(),
      ...common,
    })
    .strict(),
]);
/** A rule as created. */
export type RuleInput = z.infer<typeof RuleInputSchema>;

/** An edit of a rule: any field but `kind` (a different kind is a different rule). */
export const RulePatchSchema = z
  .object({
    name: common.name.optional(),
    threshold: z.number().finite().nonnegative().optional(),
    windowSec: windowSec.optional(),
    scope,
    renotifySec,
    config: z.record(z.string(), z.unknown()).optional(),
    webhookUrl: WebhookUrlSchema.optional(),
    webhookSecret: WebhookSecretSchema.nullable().optional(),
    /** Replace the secret with a newly generated one (returned once). */
    rotateSecret: z.literal(true).optional(),
    slackFormat: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
/** An edit of a rule. */
export type RulePatch = z.infer<typeof RulePatchSchema>;

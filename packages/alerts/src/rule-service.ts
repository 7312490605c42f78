/**
 * What the JSON API calls for rules: list, create, edit (including enable/disable and
 * secret rotation) and delete. Input arrives validated by the strict schemas; edits are
 * merged with the stored rule and validated again as a whole, so a rule can never be
 * saved in a shape its kind does not accept. Secrets are shown once (on create and
 * rotation); reads show only whether there is one and its last four characters.
 */
import {
  deleteAlertRule,
  getAlertRule,
  insertAlertRule,
  listAlertRules,
  countAlertRules,
  updateAlertRule,
  type AlertDb,
  type AlertRuleFields,
  type AlertRuleRow,
} from "@onset/db";
import { OnsetError } from "@onset/otlp";
import { isWindowKind } from "./rule-kinds";
import { RuleInputSchema, type RuleInput, type RulePatch } from "./rule-schema";
import { generateWebhookSecret } from "./signature";
import { staticTargetProblem } from "./webhook-target";

/** A rule as the API shows it (no secret). */
export interface RuleView extends Omit<AlertRuleRow, "webhookSecret"> {
  hasSecret: boolean;
  /** Last four characters of the secret, to tell secrets apart. */
  secretHint: string | null;
}

/** A rule write with the secret, when one was just set or generated. */
export interface RuleWriteResult {
  rule: RuleView;
  /** The new secret (shown once), or undefined when it did not change. */
  webhookSecret?: string | null;
}

/** Input the API refuses for a reason its schema cannot see (400 `invalid_rule`). */
export class AlertInputError extends OnsetError {
  constructor(message: string) {
    super(400, "invalid_rule", message);
    this.name = "AlertInputError";
  }
}

/** Most alert rules one project may have (every rule is evaluated on every ingest batch). */
export const MAX_RULES_PER_PROJECT = 100;

/** What rule writes need to know about the deployment. */
export interface RuleServiceOptions {
  allowPrivateWebhooks: boolean;
}

/** Hides the secret of a rule row. */
export function toRuleView(r: AlertRuleRow): RuleView {
  const { webhookSecret, ...rest } = r;
  return { ...rest, hasSecret: webhookSecret !== null, secretHint: webhookSecret ? webhookSecret.slice(-4) : null };
}

/** The project's rules. */
export async function listRules(db: AlertDb, projectId: string): Promise<RuleView[]> {
  return (await listAlertRules(db, projectId)).map(toRuleView);
}

function fieldsOf(input: RuleInput): Omit<AlertRuleFields, "webhookSecret"> {
  const window = input.kind === "window_cost" || input.kind === "error_rate" || input.kind === "new_failure_mode" ? input : null;
  return {
    name: input.name,
    kind: input.kind,
    threshold: input.threshold,
    windowSec: window?.windowSec ?? null,
    scope: (window && "scope" in window ? window.scope : undefined) ?? "project",
    config: (input.config ?? {}) as Record<string, unknown>,
    webhookUrl: input.webhookUrl,
    slackFormat: input.slackFormat ?? false,
    enabled: input.enabled ?? true,
    renotifySec: window?.renotifySec ?? null,
  };
}

function checkTarget(url: string, opts: RuleServiceOptions): void {
  const problem = staticTargetProblem(url, opts.allowPrivateWebhooks);
  if (problem) throw new AlertInputError(problem);
}

/** Creates a rule; generates a signing secret unless one (or null) was given. */
export async function createRule(db: AlertDb, projectId: string, input: RuleInput, opts: RuleServiceOptions): Promise<RuleWriteResult> {
  checkTarget(input.webhookUrl, opts);
  if ((await countAlertRules(db, projectId)) >= MAX_RULES_PER_PROJECT) {
    throw new OnsetError(409, "too_many_rules", `a project has at most ${MAX_RULES_PER_PROJECT} alert rules: delete one first`);
  }
  const secret = input.webhookSecret === undefined ? generateWebhookSecret() : input.webhookSecret;
  const row = await insertAlertRule(db, projectId, { ...fieldsOf(input), webhookSecret: secret });
  return { rule: toRuleView(row), webhookSecret: secret };
}

/** The stored rule in input shape (only the fields its kind accepts). */
function asInput(r: AlertRuleRow): Record<string, unknown> {
  const base: Record<string, unknown> = {
    kind: r.kind,
    name: r.name,
    threshold: r.threshold,
    config: r.config,
    webhookUrl: r.webhookUrl,
    slackFormat: r.slackFormat,
    enabled: r.enabled,
  };
  if (isWindowKind(r.kind)) Object.assign(base, { windowSec: r.windowSec, scope: r.scope, renotifySec: r.renotifySec });
  return base;
}

/** Edits a rule; null when the project has no such rule. */
export async function updateRule(
  db: AlertDb,
  projectId: string,
  id: string,
  patch: RulePatch,
  opts: RuleServiceOptions,
): Promise<RuleWriteResult | null> {
  const current = await getAlertRule(db, projectId, id);
  if (!current) return null;
  const { webhookSecret, rotateSecret, ...fields } = patch;
  const merged = RuleInputSchema.parse({ ...asInput(current), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) });
  if (fields.webhookUrl !== undefined) checkTarget(merged.webhookUrl, opts);
  const secret = rotateSecret ? generateWebhookSecret() : webhookSecret;
  const row = await updateAlertRule(db, projectId, id, { ...fieldsOf(merged), ...(secret !== undefined ? { webhookSecret: secret } : {}) });
  if (!row) return null;
  return secret !== undefined ? { rule: toRuleView(row), webhookSecret: secret } : { rule: toRuleView(row) };
}

/** Deletes a rule with its history; false when it did not exist. */
export function deleteRule(db: AlertDb, projectId: string, id: string): Promise<boolean> {
  return deleteAlertRule(db, projectId, id);
}

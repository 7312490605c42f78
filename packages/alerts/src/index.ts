// Public surface of @onset/alerts: the engine `onset start` runs, the services the JSON
// API calls, and the pieces receivers and docs need (payload types, signatures).
export { createAlertEngine, type AlertEngine, type AlertEngineOptions } from "./alert-engine";
export { alertSettingsFromEnv, type AlertSettings } from "./alert-settings";
export type { AlertLogger } from "./delivery-worker";
export {
  listRules,
  createRule,
  updateRule,
  deleteRule,
  toRuleView,
  AlertInputError,
  MAX_RULES_PER_PROJECT,
  type RuleView,
  type RuleWriteResult,
  type RuleServiceOptions,
} from "./rule-service";
export { testFireRule, type TestFireOptions } from "./test-fire";
export { RuleInputSchema, RulePatchSchema, type RuleInput, type RulePatch } from "./rule-schema";
export {
  RULE_KINDS,
  RUN_RULE_KINDS,
  WINDOW_RULE_KINDS,
  RULE_SCOPES,
  LOOP_MEASURES,
  isWindowKind,
  ruleUnit,
  type RuleKind,
  type RuleScope,
  type LoopMeasure,
  type RuleUnit,
} from "./rule-kinds";
export { buildPayload, runUrl, spanUrl, type AlertPayload, type AlertSubject, type NotificationType } from "./alert-payload";
export { slackBody, slackEscape, type SlackBody } from "./slack-body";
export { signBody, verifySignature, generateWebhookSecret, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";
export { DEFAULT_DELIVERY_POLICY, retryDelayMs, isRetryable, type DeliveryPolicy } from "./backoff";
export { classifyAddress, type AddressClass } from "./ip-policy";
export { resolveWebhookTarget, staticTargetProblem, type HostLookup, type ResolvedAddress, type WebhookTarget } from "./webhook-target";
export { forecastBudget, type BudgetForecast } from "./burn-rate";
export { sendReplayWebhook, type ReplayWebhookOptions } from "./replay-webhook";

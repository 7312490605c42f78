/**
 * The rule kinds of docs/spec/design.md §1/§3.5 ("cost and loop alerts: per run (in flight), per
 * session/user/project over a window, loop detected, error rate") and what each
 * measures. Run rules are evaluated on ingest, from each commit's run summaries and new
 * spans; window rules on a schedule, over the run summaries of a rolling window.
 */

/** Every rule kind (prisma/schema.prisma AlertRule.kind). */
export const RULE_KINDS = ["run_cost", "run_tokens", "run_duration", "loop", "window_cost", "error_rate", "new_failure_mode"] as const;
/** A rule kind. */
export type RuleKind = (typeof RULE_KINDS)[number];

/** Kinds evaluated per run, as spans arrive; they fire at most once per run. */
export const RUN_RULE_KINDS = ["run_cost", "run_tokens", "run_duration", "loop"] as const satisfies readonly RuleKind[];
/** Kinds evaluated on a schedule over a rolling window; they fire, re-notify and resolve. */
export const WINDOW_RULE_KINDS = ["window_cost", "error_rate", "new_failure_mode"] as const satisfies readonly RuleKind[];

/** When a "new failure mode" rule fires: a mode first seen in the window, or any mode with `threshold` runs in it. */
export const FAILURE_MODE_TRIGGERS = ["first_seen", "count"] as const;
/** A "new failure mode" rule's trigger. */
export type FailureModeTrigger = (typeof FAILURE_MODE_TRIGGERS)[number];

/** Who a window rule groups runs by. */
export const RULE_SCOPES = ["project", "user", "session"] as const;
/** A window rule's scope. */
export type RuleScope = (typeof RULE_SCOPES)[number];

/** What a loop rule's threshold compares with. */
export const LOOP_MEASURES = ["repeats", "wasted_cost_usd", "wasted_tokens"] as const;
/** A loop rule's measure. */
export type LoopMeasure = (typeof LOOP_MEASURES)[number];

/** The unit of a rule's value and threshold. */
export type RuleUnit = "usd" | "tokens" | "seconds" | "ratio" | "repeats" | "runs";

/** True for kinds evaluated over a window. */
export function isWindowKind(kind: string): boolean {
  return (WINDOW_RULE_KINDS as readonly string[]).includes(kind);
}

/** True for a known kind. */
export function isRuleKind(kind: string): kind is RuleKind {
  return (RULE_KINDS as readonly string[]).includes(kind);
}

/** The loop measure of a loop rule's config (repeats by default). */
export function loopMeasureOf(config: Record<string, unknown>): LoopMeasure {
  const m = config.measure;
  return typeof m === "string" && (LOOP_MEASURES as readonly string[]).includes(m) ? (m as LoopMeasure) : "repeats";
}

/** The unit of a rule's threshold. */
export function ruleUnit(kind: string, config: Record<string, unknown>): RuleUnit {
  switch (kind) {
    case "run_cost":
    case "window_cost":
      return "usd";
    case "run_tokens":
      return "tokens";
    case "run_duration":
      return "seconds";
    case "error_rate":
      return "ratio";
    case "new_failure_mode":
      return "runs";
    default: {
      const m = loopMeasureOf(config);
      return m === "wasted_cost_usd" ? "usd" : m === "wasted_tokens" ? "tokens" : "repeats";
    }
  }
}

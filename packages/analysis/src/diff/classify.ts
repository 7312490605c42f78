/**
 * Manifestation classification (docs/spec/run-diff.md §5): eight rules checked in
 * order, and the paper's manifestation groups over them.
 */

/** Classifications in rule order (rule 6 has two outcomes). */
export const MANIFESTATIONS = [
  "catastrophic_failure",
  "early_termination",
  "loop_or_extended_execution",
  "silent_semantic_corruption",
  "strategy_reroute",
  "structural_divergence_with_outcome_change",
  "structural_divergence_recovered",
  "no_observable_effect",
  "outcome_change_uncategorized",
] as const;

/** One of MANIFESTATIONS. */
export type Manifestation = (typeof MANIFESTATIONS)[number];

/** The paper's three manifestation groups, plus "no_observable_effect" for rule 7. */
export const MANIFESTATION_GROUPS = [
  "silent_corruption",
  "behavioral_detour",
  "combined_disruption",
  "no_observable_effect",
] as const;

/** One of MANIFESTATION_GROUPS. */
export type ManifestationGroup = (typeof MANIFESTATION_GROUPS)[number];

/** The signals the rules read. */
export interface ManifestationInput {
  dNorm: number;
  answerChanged: boolean;
  /** The second run produced no final answer. */
  secondAnswerMissing: boolean;
  earlyTermination: boolean;
  extendedExecution: boolean;
  reroutes: number;
  totalChanges: number;
}

/** Rules 1-8 of docs/spec/run-diff.md §5, first match wins. */
export function classifyManifestation(x: ManifestationInput): Manifestation {
  // 1. no answer and (early termination or d_norm >= 0.5)
  if (x.secondAnswerMissing && (x.earlyTermination || x.dNorm >= 0.5)) return "catastrophic_failure";
  // 2.
  if (x.earlyTermination) return "early_termination";
  // 3. extended and (total_changes >= 3 or d_norm >= 0.2)
  if (x.extendedExecution && (x.totalChanges >= 3 || x.dNorm >= 0.2)) return "loop_or_extended_execution";
  // 4. answer changed, d_norm <= 1e-9 and total_changes = 0
  if (x.answerChanged && x.dNorm <= 1e-9 && x.totalChanges === 0) return "silent_semantic_corruption";
  // 5.
  if (x.reroutes > 0) return "strategy_reroute";
  // 6. d_norm > 0 or total_changes > 0, split by answer_changed
  if (x.dNorm > 0 || x.totalChanges > 0) {
    return x.answerChanged ? "structural_divergence_with_outcome_change" : "structural_divergence_recovered";
  }
  // 7.
  if (!x.answerChanged) return "no_observable_effect";
  // 8.
  return "outcome_change_uncategorized";
}

/**
 * Group of a classification: silent corruption = rule 4 (and 8); behavioral detour = rules 3
 * and 5 (and 6); combined structural disruption = rules 1 and 2. Whether a detour recovered is
 * a separate fact (the answer's correctness), never inferred from the group.
 */
export function manifestationGroup(m: Manifestation): ManifestationGroup {
  switch (m) {
    case "silent_semantic_corruption":
    case "outcome_change_uncategorized":
      return "silent_corruption";
    case "loop_or_extended_execution":
    case "strategy_reroute":
    case "structural_divergence_with_outcome_change":
    case "structural_divergence_recovered":
      return "behavioral_detour";
    case "catastrophic_failure":
    case "early_termination":
      return "combined_disruption";
    case "no_observable_effect":
      return "no_observable_effect";
  }
}

import { describe, expect, it } from "vitest";
import { classifyManifestation, manifestationGroup } from "./classify";
import type { ManifestationInput } from "./classify";
import { diffRuns } from "./diff-runs";
import { scriptedRun } from "./test-spans";

/** Signals of a pair where nothing happened; each case changes what its rule needs. */
const QUIET: ManifestationInput = {
  dNorm: 0,
  answerChanged: false,
  secondAnswerMissing: false,
  earlyTermination: false,
  extendedExecution: false,
  reroutes: 0,
  totalChanges: 0,
};

describe("classifyManifestation: the rules in order (docs/spec/run-diff.md §5)", () => {
  it.each<{ why: string; input: Partial<ManifestationInput>; expected: string }>([
    { why: "1: no answer and early termination", input: { secondAnswerMissing: true, earlyTermination: true, answerChanged: true }, expected: "catastrophic_failure" },
    { why: "1: no answer and d_norm >= 0.5 (even without early termination)", input: { secondAnswerMissing: true, dNorm: 0.5, answerChanged: true }, expected: "catastrophic_failure" },
    { why: "1 needs one of its two triggers: no answer, d_norm 0.49, same length falls through", input: { secondAnswerMissing: true, dNorm: 0.49, answerChanged: true, totalChanges: 1 }, expected: "structural_divergence_with_outcome_change" },
    { why: "2: early termination with an answer", input: { earlyTermination: true, dNorm: 0.3, totalChanges: 2 }, expected: "early_termination" },
    { why: "2 beats 5: ending early while rerouted is still early termination", input: { earlyTermination: true, reroutes: 2, totalChanges: 3, dNorm: 0.4 }, expected: "early_termination" },
    { why: "3: extended with total_changes >= 3", input: { extendedExecution: true, totalChanges: 3, dNorm: 0.1 }, expected: "loop_or_extended_execution" },
    { why: "3: extended with d_norm >= 0.2", input: { extendedExecution: true, totalChanges: 1, dNorm: 0.2 }, expected: "loop_or_extended_execution" },
    { why: "3 needs one trigger: slightly longer (2 changes, d_norm 0.1) is a recovered divergence", input: { extendedExecution: true, totalChanges: 2, dNorm: 0.1 }, expected: "structural_divergence_recovered" },
    { why: "4: answer changed, d_norm 0, no control-flow change", input: { answerChanged: true }, expected: "silent_semantic_corruption" },
    { why: "4 tolerates float noise up to 1e-9", input: { answerChanged: true, dNorm: 1e-10 }, expected: "silent_semantic_corruption" },
    { why: "5: any reroute", input: { reroutes: 1, totalChanges: 1, dNorm: 0.1 }, expected: "strategy_reroute" },
    { why: "6: divergence with the answer changed", input: { dNorm: 0.1, answerChanged: true }, expected: "structural_divergence_with_outcome_change" },
    { why: "6: divergence with the answer kept", input: { dNorm: 0.1 }, expected: "structural_divergence_recovered" },
    { why: "6: control-flow changes alone count as divergence", input: { totalChanges: 1 }, expected: "structural_divergence_recovered" },
    { why: "7: nothing changed", input: {}, expected: "no_observable_effect" },
    {
      why: "8: the fallback, reached only when no distance is available (NaN), as in the method",
      input: { answerChanged: true, dNorm: Number.NaN },
      expected: "outcome_change_uncategorized",
    },
  ])("$why", ({ input, expected }) => {
    expect(classifyManifestation({ ...QUIET, ...input })).toBe(expected);
  });

  it.each([
    ["silent_semantic_corruption", "silent_corruption"],
    ["outcome_change_uncategorized", "silent_corruption"],
    ["loop_or_extended_execution", "behavioral_detour"],
    ["strategy_reroute", "behavioral_detour"],
    ["structural_divergence_with_outcome_change", "behavioral_detour"],
    ["structural_divergence_recovered", "behavioral_detour"],
    ["catastrophic_failure", "combined_disruption"],
    ["early_termination", "combined_disruption"],
    ["no_observable_effect", "no_observable_effect"],
  ] as const)("%s belongs to the %s group", (m, g) => {
    expect(manifestationGroup(m)).toBe(g);
  });
});

describe("classification end to end: one pair of runs per rule", () => {
  // Scripts: "@x" routes to x, "tool:op" / "tool:op!" calls (fails), "llm:stop" an LLM call.
  const BASE = "@planner llm:tool_calls search:web @writer llm:stop";
  it.each<{ why: string; a: [string, string | null]; b: [string, string | null]; expected: string }>([
    { why: "rule 1: the second run stops after planning, without an answer", a: [BASE, "Paris"], b: ["@planner llm:tool_calls search:web", null], expected: "catastrophic_failure" },
    { why: "rule 2: the second run skips the writer but still answers", a: [BASE, "Paris"], b: ["@planner llm:tool_calls search:web", "Paris"], expected: "early_termination" },
    {
      why: "rule 3: the second run loops on search three more times",
      a: [BASE, "Paris"],
      b: ["@planner llm:tool_calls search:web llm:tool_calls search:web llm:tool_calls search:web llm:tool_calls search:web @writer llm:stop", "Paris"],
      expected: "loop_or_extended_execution",
    },
    { why: "rule 4: same trace, another answer", a: [BASE, "Paris"], b: [BASE, "Lyon"], expected: "silent_semantic_corruption" },
    { why: "rule 5: the planner routes to a critic instead of the writer", a: [BASE, "Paris"], b: ["@planner llm:tool_calls search:web @critic llm:stop", "Paris"], expected: "strategy_reroute" },
    { why: "rule 6 (outcome change): the search fails and the answer changes", a: [BASE, "Paris"], b: ["@planner llm:tool_calls search:web! @writer llm:stop", "Lyon"], expected: "structural_divergence_with_outcome_change" },
    { why: "rule 6 (recovered): the search fails but the answer holds", a: [BASE, "Paris"], b: ["@planner llm:tool_calls search:web! @writer llm:stop", "Paris"], expected: "structural_divergence_recovered" },
    { why: "rule 7: identical runs; answers equal after normalization", a: [BASE, "Paris"], b: [BASE, ' "paris." '], expected: "no_observable_effect" },
  ])("$why", ({ a, b, expected }) => {
    const r = diffRuns(scriptedRun(a[0], a[1]), scriptedRun(b[0], b[1]));
    expect(r.classification).toBe(expected);
    expect(r.group).toBe(manifestationGroup(r.classification));
  });

  it("rule 8 cannot be reached from runs: a changed answer with no structural change is rule 4", () => {
    // Documents why no run pair lands on outcome_change_uncategorized (d_norm is always a number).
    const r = diffRuns(scriptedRun("@a", "x"), scriptedRun("@a", "y"));
    expect(r.classification).toBe("silent_semantic_corruption");
  });
});

/** Loop rules over detector findings: the measure, the kinds filter, the onset span. */
import type { LoopFinding } from "@onset/analysis";
import { describe, expect, it } from "vitest";
import { loopRuleHits } from "./loop-rules";
import { ruleRow, touchedTrace } from "./test-support/fixtures";

function finding(over: Partial<LoopFinding>): LoopFinding {
  return {
    id: "repeated-call:s1",
    kind: "repeated-call",
    scope: "t/agent",
    spanIds: ["s1", "s2", "s3"],
    onsetSpanId: "s2",
    count: 3,
    period: 1,
    signature: 'search {"query":"parse_config"}',
    wastedTokens: 1200,
    wastedCostUsd: 0.012,
    evidence: [{ kind: "loop-onset", text: 'search {"query":"parse_config"} called 3 times with no state change or new output in between', spanIds: ["s2"], weight: 0.6 }],
    confidence: 0.6,
    ...over,
  } as LoopFinding;
}

const repeated = finding({});
const stall = finding({ id: "stall:s9", kind: "stall", onsetSpanId: "s9", count: 9, wastedTokens: 5000, wastedCostUsd: 0.05 });

describe("loopRuleHits", () => {
  it.each([
    { why: "repeats reach the threshold", config: {}, threshold: 3, findings: [repeated], value: 3, onset: "s2" },
    { why: "repeats under the threshold", config: {}, threshold: 4, findings: [repeated], value: null },
    { why: "the largest finding wins", config: {}, threshold: 3, findings: [repeated, stall], value: 9, onset: "s9" },
    { why: "a kinds filter leaves stalls out", config: { loopKinds: ["repeated-call", "cycle"] }, threshold: 3, findings: [repeated, stall], value: 3, onset: "s2" },
    { why: "wasted cost measure", config: { measure: "wasted_cost_usd" }, threshold: 0.01, findings: [repeated], value: 0.012, onset: "s2" },
    { why: "wasted tokens measure", config: { measure: "wasted_tokens" }, threshold: 2000, findings: [repeated], value: null },
  ])("$why", ({ config, threshold, findings, value, onset }) => {
    const hits = loopRuleHits([ruleRow({ kind: "loop", threshold, config })], touchedTrace(), findings);
    if (value === null) return expect(hits).toEqual([]);
    expect(hits[0]).toMatchObject({ value, spanId: onset });
  });

  it("reports the loop with its waste", () => {
    const [hit] = loopRuleHits([ruleRow({ kind: "loop", threshold: 3 })], touchedTrace(), [repeated]);
    expect(hit!.message).toBe(
      'Loop in run "invoke_workflow triage": search {"query":"parse_config"} called 3 times with no state change or new output in between (wasted 1,200 tokens, $0.01).',
    );
    expect(hit!.details).toMatchObject({ measure: "repeats", loop: { kind: "repeated-call", count: 3, onsetSpanId: "s2", wastedTokens: 1200 } });
  });
});

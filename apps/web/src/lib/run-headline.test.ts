import type { Evidence, LoopFinding, RunAnalysis } from "@onset/analysis";

type HeadlineSteps = RunAnalysis["steps"];
import { describe, expect, it } from "vitest";
import { mainEvidence, quoteSpanId, runHeadline, type HeadlineInput } from "./run-headline";

const ev = (kind: Evidence["kind"], weight: number, spanIds: string[] = ["x"]): Evidence => ({ kind, text: `${kind} text`, spanIds, weight });
const failed = { status: "failed", source: "status", reason: "root span ended with status error: REJECTED" } as const;
const onset = (evidence: Evidence[]) => ({ spanId: "s5", stepId: "st5", stepIndex: 5, sourceIndex: null, agentName: "coder", actionSpanIds: [], evidence, confidence: 0.6 });
const link = (stepId: string) => ({ spanId: stepId, stepId, stepIndex: 1, agentName: "coder", relation: "incorrect" as const, evidence: [] });

describe("runHeadline", () => {
  it("says what the onset step did, quoting the failing check, then what it spoiled and how the run ended", () => {
    const a: HeadlineInput = { onset: onset([ev("failing-check", 0.6), ev("conflict", 0)]), chain: [link("st5"), link("st7"), link("st12")], outcome: failed, loops: [] };
    const h = runHeadline(a, { evidence: "assert 48.6 == 54.0", run: null }, "Step 6");
    expect(h.subject).toBe("Step 6 by coder");
    expect(h.what).toBe("made a change after which the check failed and never passed again");
    expect(h.whatQuote).toBe("assert 48.6 == 54.0");
    // The onset is not its own consequence: two later steps.
    expect(h.spoiled).toBe("It spoiled 2 later steps, and the run failed");
    expect(h.spoiledQuote).toBe("root span ended with status error: REJECTED");
  });

  it("quotes the repeated call of a loop onset and the run's own error", () => {
    const loop: LoopFinding = { id: "l", kind: "repeated-call", scope: "a", spanIds: ["p", "q", "r"], onsetSpanId: "q", count: 6, period: 1, signature: 'search({"q":"x"})', wastedTokens: 1, wastedCostUsd: 0, evidence: [], confidence: 0.5 };
    const a: HeadlineInput = { onset: onset([ev("loop-onset", 0.55, ["q"])]), chain: [], outcome: failed, loops: [loop] };
    const h = runHeadline(a, { evidence: null, run: "MaxTurnsExceeded: Max turns (7) exceeded" }, "Step 6");
    expect([h.what, h.whatQuote]).toEqual(["started a loop the run never left", 'search({"q":"x"}) ×6']);
    expect([h.spoiled, h.spoiledQuote]).toEqual(["The run failed", "MaxTurnsExceeded: Max turns (7) exceeded"]);
  });

  it("without an onset, a failed run still quotes its error", () => {
    const h = runHeadline({ onset: null, chain: [], outcome: failed, loops: [] }, { evidence: null, run: "ValueError: bad" }, null);
    expect([h.subject, h.what, h.whatQuote]).toEqual([null, "The run failed", "ValueError: bad"]);
  });

  it("says when the run succeeded anyway, and quotes nothing for it", () => {
    const h = runHeadline({ onset: onset([ev("blind-change", 0.3)]), chain: [], outcome: { status: "succeeded", source: "status", reason: "ok" }, loops: [] }, { evidence: null, run: null }, null);
    expect([h.subject, h.spoiled, h.spoiledQuote]).toEqual(["Step 6 by coder", "The run still succeeded.", null]);
  });

  it("picks the heaviest evidence that is not a conflict note", () => {
    expect(mainEvidence([ev("conflict", 0), ev("first-change", 0.2), ev("failing-check", 0.6)])?.kind).toBe("failing-check");
    expect(mainEvidence([ev("conflict", 0)])?.kind).toBe("conflict");
  });

  it("quotes a failing check from the check's span, not the change the evidence names", () => {
    const action = (spanId: string, ok: boolean, check: "fail" | "pass" | null) => ({ spanId, tool: "t", kind: "explore", command: null, readPaths: [], writePaths: [], exitCode: null, ok, error: null, check: check ? { kind: "test", key: "test:*", outcome: check } : null, backtrackPaths: null, editLines: null });
    const step = (index: number, actions: ReturnType<typeof action>[]) => ({ index, actions }) as unknown as HeadlineSteps[number];
    const steps = [step(4, [action("early", false, null)]), step(5, [action("edit", true, null)]), step(6, [action("tests", false, "fail")])];
    const o = onset([ev("failing-check", 0.6, ["edit"])]);
    expect(quoteSpanId({ onset: o, steps }, o.evidence[0]!)).toBe("tests");
    // Another kind: the evidence's own span when it failed, else the first failure from the onset on.
    expect(quoteSpanId({ onset: o, steps }, ev("blind-change", 0.3, ["edit"]))).toBe("tests");
    expect(quoteSpanId({ onset: o, steps }, ev("first-error", 0.3, ["tests"]))).toBe("tests");
    expect(quoteSpanId({ onset: null, steps }, null)).toBeNull();
  });
});

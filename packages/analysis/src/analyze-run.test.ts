import { describe, expect, it } from "vitest";
import { analyzeRun } from "./analyze-run";
import { RunAnalysisSchema } from "./schema/analysis-schema";
import { edit, sh } from "./test-support/coding-steps";
import { RunBuilder } from "./test-support/span-builder";

/**
 * coder |==========================================================|
 *   s0 pytest PASS | s1 cat | s2 edit calc.py | s3 pytest FAIL (names calc.py) | s4 submit
 */
function regressionRun() {
  const b = new RunBuilder();
  const a = b.agent("coder", { status: "error", error: "run failed" });
  const ids = [
    sh(b, a, "pytest -q", "5 passed", 0),
    sh(b, a, "cat src/calc.py", "return a + b", 0),
    edit(b, a, "src/calc.py", "return a + b", "return a - b"),
    sh(b, a, "pytest -q", "FAILED tests/test_calc.py::test_add\nsrc/calc.py:1: AssertionError\n1 failed, 4 passed", 1),
    sh(b, a, "submit", "diff", 0),
  ];
  return { spans: b.build(), ids };
}

describe("analyzeRun", () => {
  it("returns the public-api shape, valid against its zod schema", () => {
    const { spans, ids } = regressionRun();
    const r = analyzeRun(spans);
    expect(RunAnalysisSchema.parse(r)).toEqual(r);
    expect(r.outcome).toMatchObject({ status: "failed", source: "status" });
    expect(r.onset).toMatchObject({ spanId: ids[2], stepIndex: 2 });
    expect(r.onset!.confidence).toBeGreaterThan(0.5);
    expect(r.chain.map((c) => [c.stepIndex, c.relation])).toEqual([
      [3, "affected"],
      [4, "affected"],
    ]);
    expect(r.steps).toHaveLength(5);
    expect(r.dag.nodes.map((n) => n.id)).toContain("tool:str_replace_editor");
    expect(r.breakdown.byStep).toHaveLength(5);
    expect(r.tree.root.children).toHaveLength(1);
  });

  it("is deterministic and never mutates its input", () => {
    const { spans } = regressionRun();
    const before = JSON.stringify(spans);
    const first = JSON.stringify(analyzeRun(spans));
    expect(JSON.stringify(analyzeRun([...spans].reverse()))).toBe(first);
    expect(JSON.stringify(spans)).toBe(before);
  });

  it("lets the caller's outcome win over the spans", () => {
    const { spans } = regressionRun();
    const r = analyzeRun(spans, { outcome: "succeeded" });
    expect(r.outcome.source).toBe("option");
    expect(r.onset).toBeNull();
    // A regression is a wrong step even in a run that succeeded.
    expect(r.labels.filter((l) => l.label === "incorrect").map((l) => l.stepIndex)).toEqual([2]);
  });

  it("answers for an empty run", () => {
    const r = analyzeRun([]);
    expect(RunAnalysisSchema.parse(r)).toEqual(r);
    expect([r.steps.length, r.onset, r.loops.length, r.dag.nodes.length]).toEqual([0, null, 0, 0]);
  });

  it("always names an onset for a failed run, with low confidence when nothing points anywhere", () => {
    const b = new RunBuilder();
    const a = b.agent("a", { attrs: { "onset.run.outcome": "failed" } });
    sh(b, a, "ls", "x", 0);
    const last = sh(b, a, "cat x", "y", 0);
    const r = analyzeRun(b.build());
    expect(r.onset?.stepId).toBe(last);
    expect(r.onset!.confidence).toBeLessThanOrEqual(0.3);
    expect(r.onset!.evidence.map((e) => e.kind)).toContain("fallback");
  });
});

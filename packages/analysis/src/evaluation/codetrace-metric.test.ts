import { describe, expect, it } from "vitest";
import { scoreRuns, stepScore } from "./codetrace-metric";

// Each row: predicted, gold, expected F1, why (CodeTraceBench scoring, docs/spec/failure-onset.md).
const CASES: [string[], string[], number, string][] = [
  [["a"], ["a"], 1, "exact match"],
  [["a", "b"], ["a"], 2 / 3, "one false positive: P=1/2, R=1"],
  [["a"], ["a", "b"], 2 / 3, "one miss: P=1, R=1/2"],
  [["c"], ["a"], 0, "no overlap"],
  [[], ["a"], 0, "empty prediction scores 0"],
  [["a"], [], 0, "empty gold scores 0"],
  [["a", "a"], ["a"], 1, "duplicates count once"],
];

describe("stepScore", () => {
  it.each(CASES)("pred %j vs gold %j -> F1 %d (%s)", (pred, gold, f1) => {
    expect(stepScore(pred, gold).f1).toBeCloseTo(f1, 12);
  });
});

describe("scoreRuns", () => {
  it("macro-averages over runs and counts onset hits only where gold has an onset", () => {
    const s = scoreRuns([
      { id: "1", goldIncorrect: ["a"], goldOnset: "a", predictedIncorrect: ["a"], predictedOnset: "a" },
      { id: "2", goldIncorrect: ["x", "y"], goldOnset: "x", predictedIncorrect: ["y"], predictedOnset: "y" },
      { id: "3", goldIncorrect: [], goldOnset: null, predictedIncorrect: [], predictedOnset: null },
    ]);
    expect(s.f1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(s.precision).toBeCloseTo((1 + 1 + 0) / 3, 12);
    expect(s.onsetHitRate).toBe(0.5);
  });
});

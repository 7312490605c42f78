import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { RunBuilder } from "../test-support/span-builder";
import { costOutlier } from "./cost-outlier";

/**
 *   planner  ── one cheap call                              ($0.0003)
 *   researcher ── reads a new log per call, prompt 24k → 72k ($0.07 ... $0.19 each)
 * Every step learns something (no context-growth finding); only the comparison with
 * the project's other runs shows the spend is abnormal.
 */
function researcherRun() {
  const b = new RunBuilder();
  const planner = b.agent("planner");
  b.step({ parent: planner, tokens: [1_900, 100], costUsd: 0.0003, calls: [] });
  const researcher = b.agent("researcher");
  [24_000, 36_000, 48_000, 60_000, 72_000].forEach((input, k) => {
    b.step({ parent: researcher, tokens: [input, 300], costUsd: input * 3e-6, calls: [{ tool: "read_file", args: { path: `logs/${k}.log` }, result: `log ${k}: new lines` }] });
  });
  return analyzeRun(b.build());
}

describe("costOutlier", () => {
  const a = researcherRun();
  const cost = a.steps.reduce((s, x) => s + x.costUsd, 0);

  it("names a run many times its siblings' median, with the agent that spent it and how its prompt grew", () => {
    const f = costOutlier(cost, a.steps, { medianUsd: cost / 200, runs: 8, basis: "project" })!;
    expect(f.kind).toBe("cost-outlier");
    expect(f.agentName).toBe("researcher");
    expect([f.fromInputTokens, f.toInputTokens, f.stepIds.length]).toEqual([24_000, 72_000, 5]);
    expect(f.baseline).toEqual({ medianUsd: cost / 200, runs: 8, basis: "project", ratio: 200 });
    expect(f.text).toMatch(/200× the median \$0.0036 of 8 other runs of this project \(nearly all of it by researcher\)/);
    expect(f.text).toMatch(/24k to 72k input tokens over 5 calls/);
    // The analyzer alone did not flag it: every step learned something new.
    expect(a.costFindings).toEqual([]);
  });

  it("stays silent below the ratio, below the minimum cost, or with too few runs to compare", () => {
    expect(costOutlier(cost, a.steps, { medianUsd: cost / 5, runs: 8, basis: "task" })).toBeNull(); // 5x: ordinary variance
    expect(costOutlier(0.04, a.steps, { medianUsd: 0.0001, runs: 8, basis: "task" })).toBeNull(); // 400x of nothing
    expect(costOutlier(cost, a.steps, { medianUsd: cost / 200, runs: 2, basis: "task" })).toBeNull(); // a median of two is noise
    expect(costOutlier(cost, a.steps, null)).toBeNull();
  });

  it("still reports a costly run whose siblings cost nothing", () => {
    const f = costOutlier(cost, a.steps, { medianUsd: 0, runs: 4, basis: "task" })!;
    expect(f.text).toMatch(/far more than the median \$0.00 of 4 other runs of the same task/);
  });
});

import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { RunBuilder } from "../test-support/span-builder";

/**
 *   agent ── s0 search "q" -> "no results"  (input 10k)
 *            s1 search "q" -> "no results"  (input 22k)   ... each prompt carries the
 *            ...                                           whole history; nothing new
 *            s5 search "q" -> "no results"  (input 62k)
 */
function run(outputs: (k: number) => string, inputs: number[]) {
  const b = new RunBuilder();
  const root = b.agent("researcher");
  inputs.forEach((input, k) => {
    b.step({ parent: root, tokens: [input, 200], costUsd: input * 2.5e-6, calls: [{ tool: "fetch_page", args: { url: `https://example.com/${k % 2}` }, result: outputs(k) }] });
  });
  return analyzeRun(b.build());
}

describe("context growth without progress", () => {
  it("reports a stretch whose prompts grow while every step returns what the agent already saw", () => {
    const a = run(() => "503: try again later", [10_000, 22_000, 30_000, 41_000, 52_000, 62_000]);
    expect(a.costFindings).toHaveLength(1);
    const f = a.costFindings[0]!;
    expect([f.kind, f.agentName, f.stepIds.length, f.fromInputTokens, f.toInputTokens]).toEqual(["context-growth", "researcher", 6, 10_000, 62_000]);
    expect(f.progressShare).toBeLessThan(0.5);
    expect(f.text).toMatch(/10k to 62k/);
  });

  it("stays silent when the context grows because every step learns something new", () => {
    const a = run((k) => `page ${k}: a new paragraph about topic ${k}`, [10_000, 22_000, 30_000, 41_000, 52_000, 62_000]);
    expect(a.costFindings).toEqual([]);
  });

  it("stays silent on small prompts, however they grow", () => {
    const a = run(() => "same", [1_000, 2_000, 3_000, 4_000, 5_000, 6_000]);
    expect(a.costFindings).toEqual([]);
  });
});

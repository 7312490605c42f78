import { afterAll, describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { diffRuns } from "../diff/diff-runs";
import { RunBuilder } from "../test-support/span-builder";
import { AnalysisTimeoutError, analyzeRunOffThread, closeAnalysisPool, diffRunsOffThread } from "./pool";

function run(command: string, steps = 3) {
  const b = new RunBuilder();
  b.agent("agent");
  for (let i = 0; i < steps; i++) b.step({ text: `step ${i}`, calls: [{ tool: "bash", args: { command: `${command} ${i}` }, result: "ok" }] });
  return b.build();
}

afterAll(closeAnalysisPool);

describe("off-thread analysis", () => {
  it("gives the same analysis and diff as the in-thread functions", async () => {
    const a = run("ls");
    const b = run("pytest");
    expect(await analyzeRunOffThread(a)).toEqual(JSON.parse(JSON.stringify(analyzeRun(a))));
    expect(await diffRunsOffThread(a, b)).toEqual(JSON.parse(JSON.stringify(diffRuns(a, b))));
  }, 60_000);

  it("answers AnalysisTimeoutError past the budget, and the pool keeps working after", async () => {
    // A run big enough to outlast a 1 ms budget; the worker is terminated, not waited for.
    const big = run("ls", 3000);
    const started = Date.now();
    const err = await analyzeRunOffThread(big, undefined, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisTimeoutError);
    expect((err as AnalysisTimeoutError).message).toMatch(/analysis timed out/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await analyzeRunOffThread(run("ls"))).spanCount).toBe(7);
  }, 60_000);

  it("keeps the event loop free while a worker analyzes", async () => {
    const big = run("cat a.py", 2000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await analyzeRunOffThread(big);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  }, 60_000);
});

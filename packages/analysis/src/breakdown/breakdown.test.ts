import { describe, expect, it } from "vitest";
import { RunBuilder } from "../test-support/span-builder";
import { buildBreakdown } from "./run-breakdown";
import { bucketUsage } from "./usage-buckets";

describe("buildBreakdown", () => {
  it("sums tokens and cost by model, agent, tool and step, skipping wrapper LLM spans", () => {
    // planner: llm(gpt-4o, 100/10, $0.01) + bash($0.001)
    // worker:  wrapper llm(gpt-4o-mini, 999/999) > llm(gpt-4o-mini, 40/4, cacheRead 30, $0.002)
    const b = new RunBuilder();
    const planner = b.agent("planner");
    b.step({ parent: planner, model: "gpt-4o", tokens: [100, 10], costUsd: 0.01, calls: [{ tool: "bash", args: { command: "ls" }, result: "", exit: 0, costUsd: 0.001 }] });
    const worker = b.agent("worker", { parent: planner });
    const wrap = b.llm({ parent: worker, model: "gpt-4o-mini", inputTokens: 999, outputTokens: 999, costUsd: 0 });
    b.llm({ parent: wrap, model: "gpt-4o-mini", inputTokens: 40, outputTokens: 4, cacheRead: 30, costUsd: 0.002 });
    const br = buildBreakdown(b.build());
    expect(br.byModel.map((r) => [r.key, r.calls, r.tokens.input, r.tokens.output, r.tokens.cacheRead, r.costUsd])).toEqual([
      ["gpt-4o", 1, 100, 10, 0, 0.01],
      ["gpt-4o-mini", 1, 40, 4, 30, 0.002],
    ]);
    expect(br.byAgent.map((r) => [r.key, r.tokens.input, r.costUsd])).toEqual([
      ["planner", 100, 0.011],
      ["worker", 40, 0.002],
    ]);
    expect(br.byTool.map((r) => [r.key, r.calls, r.costUsd])).toEqual([["bash", 1, 0.001]]);
    expect(br.byStep.map((r) => [r.stepIndex, r.agentName, r.tokens.input, r.costUsd])).toEqual([
      [0, "planner", 100, 0.011],
      [1, "worker", 40, 0.002],
    ]);
    expect([br.total.tokens.input, br.total.costUsd]).toEqual([140, 0.013]);
  });

  it("treats unknown (null) usage as contributing nothing", () => {
    const b = new RunBuilder();
    b.llm({ inputTokens: null, outputTokens: null, costUsd: null });
    const br = buildBreakdown(b.build());
    expect(br.total.tokens).toEqual({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    expect(br.total.costUsd).toBe(0);
  });
});

describe("bucketUsage", () => {
  const HOUR = 3_600_000;
  const rows = [
    { time: "2025-01-01T10:15:00Z", model: "gpt-4o", inputTokens: 100, outputTokens: 10, costUsd: 0.01 },
    { time: "2025-01-01T10:45:00Z", model: "gpt-4o-mini", inputTokens: 50, outputTokens: 5, costUsd: 0.001 },
    { time: Date.parse("2025-01-01T12:05:00Z"), model: "gpt-4o", inputTokens: 10, outputTokens: null, costUsd: null },
    { time: "not a date", model: "x", inputTokens: 1 },
  ];

  it("sums rows into UTC buckets per model, oldest first, skipping unreadable times", () => {
    const buckets = bucketUsage(rows, { bucketMs: HOUR });
    expect(buckets.map((b) => [b.start, b.total.calls, b.total.tokens.input, b.total.costUsd, b.byModel.map((m) => m.key)])).toEqual([
      ["2025-01-01T10:00:00.000Z", 2, 150, 0.011, ["gpt-4o", "gpt-4o-mini"]],
      ["2025-01-01T12:00:00.000Z", 1, 10, 0, ["gpt-4o"]],
    ]);
  });

  it("fills empty buckets when a range is given (a chart needs the gaps)", () => {
    const buckets = bucketUsage(rows, { bucketMs: HOUR, fromMs: Date.parse("2025-01-01T09:00:00Z"), toMs: Date.parse("2025-01-01T13:00:00Z") });
    expect(buckets.map((b) => [b.start.slice(11, 13), b.total.calls])).toEqual([
      ["09", 0],
      ["10", 2],
      ["11", 0],
      ["12", 1],
    ]);
  });

  it("rejects a non-positive bucket width and an absurd number of buckets", () => {
    expect(() => bucketUsage(rows, { bucketMs: 0 })).toThrow(RangeError);
    expect(() => bucketUsage(rows, { bucketMs: 1, fromMs: 0, toMs: 1e12 })).toThrow(RangeError);
  });
});

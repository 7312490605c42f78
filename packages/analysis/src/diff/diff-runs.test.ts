import { describe, expect, it } from "vitest";
import { diffEvents, diffRuns } from "./diff-runs";
import { extractRunEvents } from "./events";
import type { RunEvent } from "./event-types";
import { answerChanged, normalizeAnswer } from "./answer";
import { DiffResultSchema } from "./schemas";
import { buildSyntheticRun } from "./synthetic-runs";
import { makeRun, scriptedRun } from "./test-spans";
import type { SpanSpec } from "./test-spans";

/**
 *   run   [chain .........................................] answer
 *   llm    [chat gpt-4o, tokens, cost]
 *   tool              [execute_tool bash {command}]
 */
function toolRun(command: string, tokens: number, cost: number, latency: number, answer: string): SpanSpec[] {
  return [
    { id: "run", type: "chain", name: "run", start: 0, end: 100, output: answer },
    { id: "llm", parent: "run", type: "llm", name: "chat", model: "gpt-4o", start: 1, end: 1 + latency, finishReason: "tool_calls", toolCalls: ["bash"], tokens: { input: tokens, output: 0 }, costUsd: cost },
    { id: "bash", parent: "run", type: "tool", name: "bash", start: 50, end: 60, tool: { name: "bash", args: JSON.stringify({ command }), result: `ran ${command}` } },
  ];
}

describe("diffRuns: Onset's additions", () => {
  const a = makeRun(toolRun("pytest tests/a.py", 1000, 0.01, 20, "ok"));
  const b = makeRun(toolRun("pytest tests/b.py", 1500, 0.02, 50, "ok"));
  const r = diffRuns(a, b);

  it("argument and output differences are annotations, not structure", () => {
    expect(r.dNorm).toBe(0);
    const tool = r.pairs[1]!;
    expect(tool).toMatchObject({ op: "match", type: null });
    expect(tool.annotations?.arguments?.parts.filter((p) => p.op !== "equal")).toEqual([
      { op: "removed", text: 'tests/a.py"}' },
      { op: "added", text: 'tests/b.py"}' },
    ]);
    expect(tool.annotations?.output).toBeDefined();
    expect(diffRuns(a, b, { annotations: false }).pairs.every((p) => p.annotations === null)).toBe(true);
  });

  it("per-pair token, cost and latency deltas are B minus A", () => {
    expect(r.pairs[0]?.deltas.tokens).toBe(500);
    expect(r.pairs[0]?.deltas.costUsd).toBeCloseTo(0.01);
    expect(r.pairs[0]?.deltas.latencyMs).toBe(30);
    // A span that reported no usage has no token delta.
    expect(r.pairs[1]?.deltas).toEqual({ tokens: null, costUsd: null, latencyMs: 0 });
  });

  it("run summaries and the token ratio (the paper's cost of a detour)", () => {
    expect(r.runs.a).toMatchObject({ events: 3, steps: 1, toolCalls: 1, answer: "ok", tokens: 1000, costUsd: 0.01 });
    expect(r.tokenRatio).toBe(1.5);
  });

  it("an unpaired event's deltas count the missing side as 0", () => {
    const extra = makeRun([...toolRun("x", 10, 0.5, 5, "ok"), { id: "more", parent: "run", type: "llm", name: "chat", model: "gpt-4o", start: 70, end: 80, finishReason: "stop", tokens: { input: 7, output: 3 }, costUsd: 0.25 }]);
    const d = diffRuns(makeRun(toolRun("x", 10, 0.5, 5, "ok")), extra);
    const ins = d.pairs.find((p) => p.op === "insertion")!;
    expect(ins.deltas).toEqual({ tokens: 10, costUsd: 0.25, latencyMs: 10 });
  });

  it("a custom signature function is the alignment key (pluggable, kept apart from the algorithm)", () => {
    // Keyed by event type only, the argument change above stays invisible; keyed by the whole
    // command it becomes a substitution (still typed null: same tool, operation and outcome).
    const byType = (e: RunEvent) => e.type;
    expect(diffRuns(a, b, { signature: byType }).dNorm).toBe(0);
    const byCommand = (e: RunEvent) => (e.type === "tool_invocation" ? `${e.payload.toolName}:${e.payload.arguments}` : e.type);
    const custom = diffRuns(a, b, { signature: byCommand });
    expect(custom.signature).toBe("custom");
    expect(custom.dNorm).toBeCloseTo(1 / 3);
    expect(custom.pairs[1]).toMatchObject({ op: "substitution", type: null });
    expect(custom.firstDivergence).toBeNull();
  });

  it("diffEvents accepts events built by hand (importers)", () => {
    const events = extractRunEvents(a);
    expect(diffEvents(events, events).dNorm).toBe(0);
  });

  it("results validate against the zod schema", () => {
    expect(DiffResultSchema.parse(r)).toEqual(r);
    expect(DiffResultSchema.safeParse(diffRuns(scriptedRun("@a err", null), scriptedRun("@b mem+x ret", "y"), { signature: "paper" })).success).toBe(true);
  });
});

describe("answer comparison (docs/spec/run-diff.md §4)", () => {
  it.each([
    ["case-fold", "Paris", "PARIS", false],
    ["collapse whitespace", "New  York\n City", "new york city", false],
    ["strip quotes", '"Paris"', "Paris", false],
    ["typographic quotes", "\u201CParis\u201D", "Paris", false],
    ["drop a trailing period", "Paris.", "Paris", false],
    ["quotes around a period", "'Paris'.", "paris", false],
    ["other words differ", "Paris", "Lyon", true],
    ["inner periods stay", "3.14", "314", true],
  ])("%s: %j vs %j", (_why, x, y, changed) => {
    expect(answerChanged(x, y)).toBe(changed);
  });

  it("a missing answer differs from any answer; two missing do not", () => {
    expect(answerChanged(null, null)).toBe(false);
    expect(answerChanged("x", null)).toBe(true);
    expect(normalizeAnswer('  "A  B." ')).toBe("a b");
  });
});

describe("performance", () => {
  it("diffs two 2,000-step runs (about 5,000 events each) well within budget", () => {
    // A regression guard, not the benchmark (scripts/bench-diff.ts): the bound is generous so a
    // loaded CI machine passes, but a quadratic-memory or unbanded regression would not.
    const runA = buildSyntheticRun(2000, 1, { answer: "a" }, "a".repeat(32));
    const runB = buildSyntheticRun(2000, 1, { rerouteAt: 300, failAt: new Set([100, 900]), retryAt: new Set([50, 1200]), answer: "b" }, "b".repeat(32));
    diffRuns(runA, runB); // warm-up
    const t0 = performance.now();
    const r = diffRuns(runA, runB);
    const ms = performance.now() - t0;
    expect(r.pairs.length).toBeGreaterThan(4800);
    expect(r.counts.reroutes).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1500);
  });
});

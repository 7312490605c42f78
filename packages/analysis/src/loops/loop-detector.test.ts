import { describe, expect, it } from "vitest";
import type { NormalizedSpan } from "@onset/otlp";
import { RunBuilder } from "../test-support/span-builder";
import { detectLoops } from "./detect-loops";
import { createLoopDetector } from "./loop-detector";

/** One step per entry: [tool, args, result, exit?]. */
function run(entries: [string, unknown, string, number?][], opts: { tokens?: [number, number]; cost?: number; toolCost?: number } = {}): NormalizedSpan[] {
  const b = new RunBuilder();
  const a = b.agent("agent");
  for (const [tool, args, result, exit] of entries) {
    b.step({ parent: a, agentName: "agent", tokens: opts.tokens ?? [100, 20], costUsd: opts.cost ?? 0.001, withCallIds: true, calls: [{ tool, args, result, exit, costUsd: opts.toolCost }] });
  }
  return b.build();
}

const SEARCH = (q: string, r = "no results"): [string, unknown, string] => ["web_search", { query: q }, r];

describe("loop kinds", () => {
  it("repeated-call: same tool and normalized args, no progress; the first repeat is the onset", () => {
    // search(a) search(a) search(a) — identical output, nothing changed
    const spans = run([SEARCH("a"), ["web_search", { query: "a  " }, "no results"], SEARCH("a")]);
    const loops = detectLoops(spans);
    expect(loops).toHaveLength(1);
    const [loop] = loops;
    expect(loop!.kind).toBe("repeated-call");
    expect(loop!.count).toBe(3);
    const toolIds = spans.filter((s) => s.type === "tool").map((s) => s.spanId);
    expect(loop!.spanIds).toEqual(toolIds);
    expect(loop!.onsetSpanId).toBe(toolIds[1]);
  });

  it("a repeat that returns new output is progress (polling a job that advances), not a loop", () => {
    const spans = run([SEARCH("status", "running 10%"), SEARCH("status", "running 50%"), SEARCH("status", "done")]);
    expect(detectLoops(spans)).toEqual([]);
  });

  it("a successful state change between two identical calls resets the count", () => {
    const spans = run([
      ["bash", { command: "pytest -q" }, "1 failed", 1],
      ["bash", { command: "pytest -q" }, "1 failed", 1],
      ["bash", { command: "sed -i 's/a/b/' x.py" }, "", 0],
      ["bash", { command: "pytest -q" }, "1 failed", 1],
    ]);
    expect(detectLoops(spans)).toEqual([]);
  });

  it("cycle: A-B-A-B with no progress, onset at the first element of the second period", () => {
    const spans = run([
      ["bash", { command: "cat setup.py" }, "setup()"],
      ["bash", { command: "pytest -q" }, "ImportError", 4],
      ["bash", { command: "cat setup.py" }, "setup()"],
      ["bash", { command: "pytest -q" }, "ImportError", 4],
      ["bash", { command: "cat setup.py" }, "setup()"],
    ]);
    const loops = detectLoops(spans);
    expect(loops.map((l) => [l.kind, l.period, l.count, l.spanIds.length])).toEqual([["cycle", 2, 2, 5]]);
    const toolIds = spans.filter((s) => s.type === "tool").map((s) => s.spanId);
    expect(loops[0]!.onsetSpanId).toBe(toolIds[2]);
  });

  it("repeated-output: different calls, the same failing output again and again", () => {
    const err = "ERROR: No matching distribution found for pkg";
    const spans = run([
      ["bash", { command: "pip install pkg==1.0" }, err, 1],
      ["bash", { command: "pip install pkg==0.9" }, err, 1],
      ["bash", { command: "pip install -U pkg" }, err, 1],
    ]);
    expect(detectLoops(spans).map((l) => [l.kind, l.count])).toEqual([["repeated-output", 3]]);
  });

  it("repeated-output from the model itself: the same answer text with no tool call", () => {
    const b = new RunBuilder();
    const a = b.agent("chat");
    for (let k = 0; k < 3; k++) b.step({ parent: a, text: "I am sorry, I cannot help with that.", calls: [] });
    expect(detectLoops(b.build()).map((l) => [l.kind, l.count])).toEqual([["repeated-output", 3]]);
  });

  it("stall: many different actions, none making progress", () => {
    const spans = run(Array.from({ length: 9 }, (_, k) => ["bash", { command: `make target${k}` }, `make: *** No rule to make target 'target${k}'`, 2] as [string, unknown, string, number]));
    const loops = detectLoops(spans);
    expect(loops.map((l) => [l.kind, l.count])).toEqual([["stall", 9]]);
    expect(loops[0]!.onsetSpanId).toBe(loops[0]!.spanIds[0]);
  });
});

describe("waste accounting", () => {
  it("charges the repeats' decisions and tools, not the first occurrence", () => {
    const spans = run([SEARCH("a"), SEARCH("a"), SEARCH("a"), SEARCH("a")], { tokens: [1000, 50], cost: 0.01, toolCost: 0.002 });
    const [loop] = detectLoops(spans);
    expect(loop!.wastedTokens).toBe(3 * 1050);
    expect(loop!.wastedCostUsd).toBeCloseTo(3 * 0.012, 9);
  });
});

describe("streaming detector", () => {
  it("reports a loop when it opens and again as it grows, and agrees with the batch result", () => {
    const spans = run([SEARCH("a"), SEARCH("a"), SEARCH("a"), SEARCH("a"), SEARCH("b", "found b")]);
    const detector = createLoopDetector();
    const updates = spans.map((s) => detector.push(s));
    const opened = updates.flatMap((u) => u.opened);
    const grown = updates.flatMap((u) => u.updated);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.count).toBe(3);
    expect(grown.map((f) => f.count)).toEqual([4]);
    const streamed = detector.findings();
    const batch = detectLoops(spans);
    expect(streamed.map((f) => [f.kind, f.spanIds, f.onsetSpanId, f.wastedTokens])).toEqual(batch.map((f) => [f.kind, f.spanIds, f.onsetSpanId, f.wastedTokens]));
  });

  it("handles out-of-order batches: spans within a push are taken in start order", () => {
    const spans = run([SEARCH("a"), SEARCH("a"), SEARCH("a")]);
    const detector = createLoopDetector();
    detector.push([...spans].reverse());
    expect(detector.findings().map((f) => f.kind)).toEqual(["repeated-call"]);
  });

  it("keeps agents apart: the same call by two agents is not a loop", () => {
    const b = new RunBuilder();
    for (const name of ["alpha", "beta", "alpha", "beta"]) {
      b.step({ agentName: name, calls: [{ tool: "web_search", args: { query: "x" }, result: `r-${name}`, agentName: name }] });
    }
    const detector = createLoopDetector();
    detector.push(b.build());
    expect(detector.findings()).toEqual([]);
  });

  it("ignores a span pushed twice", () => {
    const spans = run([SEARCH("a"), SEARCH("a")]);
    const detector = createLoopDetector();
    detector.push(spans);
    detector.push(spans);
    expect(detector.findings()).toEqual([]);
  });
});

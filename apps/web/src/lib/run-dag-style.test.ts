import { describe, expect, it } from "vitest";
import { DAG_NODE_SIZE, dagEdgeLabel, dagNodeColors, dagNodeSize } from "./run-dag-style";

describe("dagNodeSize", () => {
  it.each([
    { why: "the dearest node gets the largest box", cost: 2, max: 2, want: { width: DAG_NODE_SIZE.maxWidth, height: DAG_NODE_SIZE.maxHeight } },
    { why: "a free node (tools, unpriced models) gets the smallest", cost: 0, max: 2, want: { width: DAG_NODE_SIZE.minWidth, height: DAG_NODE_SIZE.minHeight } },
    { why: "a run without any cost draws every box the same", cost: 0, max: 0, want: { width: DAG_NODE_SIZE.minWidth, height: DAG_NODE_SIZE.minHeight } },
    { why: "a quarter of the cost is half the growth (square root)", cost: 0.5, max: 2, want: { width: 200, height: 82 } },
  ])("$why", ({ cost, max, want }) => expect(dagNodeSize(cost, max)).toEqual(want));
});

describe("dagNodeColors", () => {
  it("uses the kind's colours when nothing failed", () => {
    expect(dagNodeColors({ kind: "tool", errors: 0, count: 3 }).border).toBe("var(--dag-tool-border)");
    expect(dagNodeColors({ kind: "agent", errors: 0, count: 3 }).border).not.toBe(dagNodeColors({ kind: "model", errors: 0, count: 3 }).border);
  });
  it("turns red, darker as more calls fail", () => {
    const some = dagNodeColors({ kind: "tool", errors: 1, count: 10 });
    const all = dagNodeColors({ kind: "tool", errors: 10, count: 10 });
    expect(some.border).toBe("var(--error)");
    expect(some.background).toBe("color-mix(in srgb, var(--error) 10%, var(--card))");
    expect(all.background).toBe("color-mix(in srgb, var(--error) 30%, var(--card))");
  });
});

describe("dagEdgeLabel", () => {
  it.each([
    { e: { kind: "calls" as const, count: 12, errors: 0, costUsd: 0 }, want: "12×" },
    { e: { kind: "calls" as const, count: 3, errors: 1, costUsd: 0.0123 }, want: "3× · 1 err · $0.01" },
    { e: { kind: "calls" as const, count: 3, errors: 0, costUsd: 0.0004 }, want: "3× · $0.0004" },
    { e: { kind: "handoff" as const, count: 1, errors: 0, costUsd: 0 }, want: "hand-off ×1" },
  ])("$want", ({ e, want }) => expect(dagEdgeLabel(e)).toBe(want));
});

/**
 * Aligned rows of the diff page: t* marked, sides labelled with their spans, unchanged
 * stretches folded around the changes, deltas signed.
 */
import { describe, expect, it } from "vitest";
import { buildDiffRows, foldRows, formatDelta, type DiffRowsInput } from "./diff-rows";

const ref = (spanId: string, type: string, signature: string, step = 1) => ({ spanId, type, signature, step, agent: null });
const none = { tokens: null, costUsd: null, latencyMs: null };

//   k   A                     B
//   0   route:planner    =    route:planner
//   1   route:coder      ≠    route:researcher     <- t* (different_agent_routed)
//   2   tool:read:call:ok =   tool:read:call:ok    (arguments differ: annotation)
//   3   tool:edit:call:ok     ·                    (deletion)
//   4   ·                     tool:search:call:ok  (insertion)
const input: DiffRowsInput = {
  firstDivergence: { index: 1 },
  contentDivergence: null,
  pairs: [
    { index: 0, op: "match", type: null, a: ref("a0", "routing_decision", "route:planner"), b: ref("b0", "routing_decision", "route:planner"), deltas: none, annotations: null },
    { index: 1, op: "substitution", type: "different_agent_routed", a: ref("a1", "routing_decision", "route:coder", 2), b: ref("b1", "routing_decision", "route:researcher", 2), deltas: { tokens: 120, costUsd: 0.002, latencyMs: -40 }, annotations: null },
    {
      index: 2,
      op: "match",
      type: null,
      a: ref("a2", "tool_invocation", "tool:read:call:ok", 2),
      b: ref("b2", "tool_invocation", "tool:read:call:ok", 2),
      deltas: none,
      annotations: { arguments: { mode: "words", parts: [{ op: "removed", text: "a.py" }, { op: "added", text: "b.md" }], truncated: false } },
    },
    { index: 3, op: "deletion", type: "event_missing_in_perturbed", a: ref("a3", "tool_invocation", "tool:edit:call:ok", 3), b: null, deltas: none, annotations: null },
    { index: 4, op: "insertion", type: "event_missing_in_clean", a: null, b: ref("b4", "tool_invocation", "tool:search:call:ok", 3), deltas: none, annotations: null },
  ],
  spans: { a: { a1: { name: "invoke_agent coder", status: "ok" } }, b: { b1: { name: "invoke_agent researcher", status: "ok" } } },
};

describe("buildDiffRows", () => {
  it("marks t*, labels both sides and names their spans", () => {
    const rows = buildDiffRows(input);
    expect(rows.map((r) => [r.index, r.op, r.first])).toEqual([
      [0, "match", false],
      [1, "substitution", true],
      [2, "match", false],
      [3, "deletion", false],
      [4, "insertion", false],
    ]);
    expect(rows[1]).toMatchObject({
      typeText: "routed to a different agent",
      a: { label: "route → coder", spanName: "invoke_agent coder", step: 2 },
      b: { label: "route → researcher", spanName: "invoke_agent researcher" },
    });
    expect(rows[3]!.b).toBeNull();
    expect(rows[4]!.a).toBeNull();
    expect(rows[0]!.a!.spanName).toBeNull(); // a span the response did not describe
  });
});

describe("content divergence rows", () => {
  //   0 route =, 1 llm = (decision reads differently), 2 tool = (arguments differ), 3 t*
  const pairs = [0, 1, 2].map((i) => ({ ...input.pairs[0]!, index: i })).concat({ ...input.pairs[1]!, index: 3 });
  const rows = buildDiffRows({ firstDivergence: { index: 3 }, contentDivergence: { index: 1, actionIndex: 2 }, pairs, spans: { a: {}, b: {} } });

  it("marks the decision as the first divergence and its action, and keeps t* marked", () => {
    expect(rows.map((r) => [r.index, r.contentFirst, r.contentAction, r.first])).toEqual([
      [0, false, false, false],
      [1, true, false, false],
      [2, false, true, false],
      [3, false, false, true],
    ]);
  });

  it("never folds them away", () => {
    const long = Array.from({ length: 30 }, (_, i) => ({ ...input.pairs[0]!, index: i }));
    const items = foldRows(buildDiffRows({ firstDivergence: null, contentDivergence: { index: 20, actionIndex: 21 }, pairs: long, spans: { a: {}, b: {} } }));
    expect(items.some((i) => i.kind === "row" && i.index === 20 && i.contentFirst)).toBe(true);
    expect(items.some((i) => i.kind === "row" && i.index === 21 && i.contentAction)).toBe(true);
  });
});

describe("foldRows", () => {
  const match = (index: number) => ({ ...input.pairs[0]!, index, a: ref(`a${index}`, "llm_call", "llm:m:stop:-"), b: ref(`b${index}`, "llm_call", "llm:m:stop:-") });
  const long = (changeAt: number, n: number): DiffRowsInput => ({
    firstDivergence: { index: changeAt },
    contentDivergence: null,
    pairs: Array.from({ length: n }, (_, i) => (i === changeAt ? { ...input.pairs[1]!, index: i } : match(i))),
    spans: { a: {}, b: {} },
  });

  it("keeps two rows of context around a change and folds the rest", () => {
    // 20 rows, change at 10: rows 8..12 kept, 0..7 and 13..19 folded.
    const items = foldRows(buildDiffRows(long(10, 20)));
    expect(items.map((i) => (i.kind === "gap" ? `gap ${i.from}-${i.to}` : String(i.index)))).toEqual(["gap 0-7", "8", "9", "10", "11", "12", "gap 13-19"]);
  });

  it.each([
    { why: "a stretch shorter than the minimum gap is shown, not folded", n: 6, changeAt: 3, want: ["0", "1", "2", "3", "4", "5"] },
    { why: "a change at the start folds only the tail", n: 8, changeAt: 0, want: ["0", "1", "2", "gap 3-7"] },
  ])("$why", ({ n, changeAt, want }) => {
    const items = foldRows(buildDiffRows(long(changeAt, n)));
    expect(items.map((i) => (i.kind === "gap" ? `gap ${i.from}-${i.to}` : String(i.index)))).toEqual(want);
  });

  it("keeps rows that differ only in content (annotations) visible", () => {
    const items = foldRows(buildDiffRows(input), 0, 1);
    expect(items.map((i) => (i.kind === "gap" ? "gap" : i.index))).toEqual(["gap", 1, 2, 3, 4]);
  });
});

describe("formatDelta", () => {
  it.each([
    { value: 120, unit: "tokens" as const, want: "+120 tok" },
    { value: -1530, unit: "tokens" as const, want: "−1.5k tok" },
    { value: 25_400, unit: "tokens" as const, want: "+25k tok" },
    { value: 0.002, unit: "usd" as const, want: "+$0.0020" },
    { value: -6e-7, unit: "usd" as const, want: "−$0.00000060" }, // never "−$6.0e-7"
    { value: -1.5, unit: "usd" as const, want: "−$1.50" },
    { value: 0.0000123, unit: "usd" as const, want: "+$0.000012" },
    { value: -40, unit: "ms" as const, want: "−40 ms" },
    { value: 2500, unit: "ms" as const, want: "+2.5 s" },
    { value: 0, unit: "ms" as const, want: "" },
    { value: null, unit: "usd" as const, want: "" },
  ])("$value $unit -> '$want'", ({ value, unit, want }) => {
    expect(formatDelta(value, unit)).toBe(want);
  });
});

/**
 * The reference vectors of docs/spec/run-diff.md §6 ("from the method's own test
 * goldens"), rebuilt as NormalizedSpan runs so the whole path spans -> events -> alignment is
 * exercised.
 */
import { describe, expect, it } from "vitest";
import { diffRuns } from "./diff-runs";
import { extractRunEvents } from "./events";
import { structuralSignature } from "./signatures";
import { DiffResultSchema } from "./schemas";
import { makeRun } from "./test-spans";
import type { SpanSpec } from "./test-spans";

/**
 * The 8-event run of the method's "single_edit" golden:
 *
 *   t(ms)  0         20        40        60        80
 *   run    [chain "run" .................................] output "$4.2M"  -> final_answer
 *          [researcher ......]                                             -> route:researcher   step 1
 *            [csv_tool read]                                               -> tool:csv_tool:read:ok
 *                   [save_memory note]                                     -> mem_write:note
 *                             [critic ..........]                          -> route:critic       step 2
 *                               [read_memory]                              -> mem_read
 *                                         (critic output, action critique) -> output:critique:False
 *                                                [synthesizer ....]        -> route:synthesizer  step 3
 */
function eightEventRun(toolFails: boolean): SpanSpec[] {
  return [
    { id: "run", type: "chain", name: "run", start: 0, end: 90, input: "Q3 revenue?", output: "$4.2M" },
    { id: "res", parent: "run", type: "agent", name: "researcher", agent: "researcher", start: 1, end: 25 },
    {
      id: "csv",
      parent: "res",
      type: "tool",
      name: "csv_tool",
      start: 5,
      end: 10,
      tool: { name: "csv_tool", args: JSON.stringify({ operation: "read", path: "q3_financials.csv" }), result: "month,revenue" },
      error: toolFails,
    },
    { id: "mw", parent: "res", type: "tool", name: "save_memory", start: 12, end: 14, tool: { name: "save_memory", args: JSON.stringify({ entry_type: "note" }) } },
    {
      id: "cri",
      parent: "run",
      type: "agent",
      name: "critic",
      agent: "critic",
      start: 30,
      end: 55,
      output: "looks right",
      attributes: { "onset.output.action": "critique" },
    },
    { id: "mr", parent: "cri", type: "tool", name: "read_memory", start: 32, end: 34, tool: { name: "read_memory", args: "{}" } },
    { id: "syn", parent: "run", type: "agent", name: "synthesizer", agent: "synthesizer", start: 60, end: 80 },
  ];
}

/**
 * A 5-event run: four hand-offs, one step each, then the answer.
 *
 *   run  [chain ..........................................] -> final_answer (step 4)
 *         [planner] [researcher] [critic] [writer]          -> route:* steps 1, 2, 3, 4
 */
function fiveEventRun(withCritic: boolean): SpanSpec[] {
  const agents = withCritic ? ["planner", "researcher", "critic", "writer"] : ["planner", "researcher", "writer"];
  return [
    { id: "run", type: "chain", name: "run", start: 0, end: 100, output: "done" },
    ...agents.map((name, k): SpanSpec => ({ id: name, parent: "run", type: "agent", name, agent: name, start: 10 + k * 20, end: 20 + k * 20 })),
  ];
}

describe("reference vectors (docs/spec/run-diff.md §6)", () => {
  it("the fixtures have the shape the vectors describe", () => {
    // Guards the fixtures themselves: 8 events with the tool at step 1; 5 events, critic at step 3.
    const eight = extractRunEvents(makeRun(eightEventRun(false)));
    expect(eight.map(structuralSignature)).toEqual([
      "route:researcher",
      "tool:csv_tool:read:ok",
      "mem_write:note",
      "route:critic",
      "mem_read",
      "output:critique:False",
      "route:synthesizer",
      "final_answer",
    ]);
    expect(eight.map((e) => e.step)).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
    const five = extractRunEvents(makeRun(fiveEventRun(true)));
    expect(five.map(structuralSignature)).toEqual(["route:planner", "route:researcher", "route:critic", "route:writer", "final_answer"]);
    expect(five.map((e) => e.step)).toEqual([1, 2, 3, 4, 4]);
  });

  it("identical runs: d_norm 0, no divergence", () => {
    const r = diffRuns(makeRun(eightEventRun(false)), makeRun(eightEventRun(false)));
    expect(r.dNorm).toBe(0);
    expect(r.firstDivergence).toBeNull();
    expect(r.classification).toBe("no_observable_effect");
    expect(DiffResultSchema.parse(r)).toEqual(r);
  });

  it("one tool flips ok -> fail in an 8-event run: 0.125, step 1, tool_success_failure_change", () => {
    const r = diffRuns(makeRun(eightEventRun(false)), makeRun(eightEventRun(true)));
    expect(r.dNorm).toBe(0.125);
    expect(r.firstDivergence).toEqual({ index: 1, relative: 0.125, step: 1, spanIdA: "csv", spanIdB: "csv", type: "tool_success_failure_change" });
    expect(r.counts.toolFailuresIntroduced).toBe(1);
    expect(r.counts.totalChanges).toBe(1);
    // Same answer, structure changed: the detour recovered.
    expect(r.classification).toBe("structural_divergence_recovered");
  });

  it("one event missing in a 5-event run: 0.2, step 3, event_missing_in_perturbed", () => {
    const r = diffRuns(makeRun(fiveEventRun(true)), makeRun(fiveEventRun(false)));
    expect(r.dNorm).toBe(0.2);
    expect(r.firstDivergence).toMatchObject({ index: 2, step: 3, spanIdA: "critic", spanIdB: null, type: "event_missing_in_perturbed" });
    expect(r.firstDivergence?.relative).toBeCloseTo(2 / 5);
    expect(r.pairs[2]?.op).toBe("deletion");
  });

  it("fully disjoint runs: 1.0, divergence at the first position", () => {
    const a = makeRun([
      { id: "r", type: "chain", name: "run", start: 0, end: 50 },
      { id: "x", parent: "r", type: "agent", name: "x", agent: "x", start: 1, end: 2 },
      { id: "t", parent: "r", type: "tool", name: "grep", start: 3, end: 4, tool: { name: "grep" } },
    ]);
    const b = makeRun([
      { id: "r", type: "chain", name: "run", start: 0, end: 50 },
      { id: "y", parent: "r", type: "agent", name: "y", agent: "y", start: 1, end: 2 },
      { id: "l", parent: "r", type: "llm", name: "chat", model: "m", start: 3, end: 4, finishReason: "stop" },
      { id: "u", parent: "r", type: "tool", name: "curl", start: 5, end: 6, tool: { name: "curl" } },
    ]);
    const r = diffRuns(a, b);
    expect(r.dNorm).toBe(1);
    expect(r.firstDivergence?.index).toBe(0);
    expect(r.firstDivergence?.relative).toBe(0);
  });

  it("one side empty: 1.0, divergence at the first position", () => {
    const r = diffRuns(makeRun(eightEventRun(false)), []);
    expect(r.dNorm).toBe(1);
    expect(r.firstDivergence).toMatchObject({ index: 0, relative: 0, step: 1, type: "event_missing_in_perturbed" });
    // No answer and fewer steps: rule 1.
    expect(r.classification).toBe("catastrophic_failure");
    const back = diffRuns([], makeRun(eightEventRun(false)));
    expect(back.dNorm).toBe(1);
    expect(back.firstDivergence).toMatchObject({ index: 0, type: "event_missing_in_clean" });
  });

  it("two empty runs score 0", () => {
    const r = diffRuns([], []);
    expect(r.dNorm).toBe(0);
    expect(r.firstDivergence).toBeNull();
    expect(r.pairs).toEqual([]);
  });
});

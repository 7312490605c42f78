import type { AgentSummary, SpanTreeNode, StageSummary, StepSummary } from "@onset/analysis";
import { describe, expect, it } from "vitest";
import { ancestorsOf, buildDisplayTree, errorSpanIds, expandableIds, flattenRows, keepForSpans, spansNamed, stepLabel } from "./run-tree-rows";

/** A tree node with children; times in ms from 0. */
function node(spanId: string, type: SpanTreeNode["type"], start: number, end: number, children: SpanTreeNode[] = [], status: SpanTreeNode["status"] = "ok"): SpanTreeNode {
  return { spanId, parentSpanId: null, name: `${type} ${spanId}`, type, status, startTimeMs: start, endTimeMs: end, depth: 0, orphan: false, skewed: false, children };
}

/** A step with only the fields the tree reads. */
function step(id: string, index: number, stageIndex: number, spanIds: string[], tools: string[], role: StepSummary["role"], llmSpanId: string | null = id): StepSummary {
  const kind = llmSpanId === null ? "handoff" : "explore";
  return { id, index, stageIndex, spanIds, role, agentId: "coder", llmSpanId, actions: tools.map((tool) => ({ tool, kind })) } as unknown as StepSummary;
}

//  workflow  |=================================|   chain (no step)
//   coder     |===============================|    agent
//     s1 chat   |==|                               step 1, stage 0 (start)
//     t1 read      |=|                             step 1
//     s2 chat         |==|                         step 2, stage 1 (after change)
//     t2 edit            |=x|                      step 2, failed
//     note                    |=|                  outside every step
//   orphan                          |=|            top level, no step
const tree: SpanTreeNode = node("__run__", "run", 0, 100, [
  node("wf", "chain", 0, 90, [
    node("coder", "agent", 1, 89, [
      node("s1", "llm", 2, 10),
      node("t1", "tool", 11, 15),
      node("s2", "llm", 20, 30),
      node("t2", "tool", 31, 40, [], "error"),
      node("note", "other", 50, 55),
    ]),
  ]),
  node("orphan", "other", 95, 100),
]);
const stages: StageSummary[] = [
  { index: 0, agentId: "coder", kind: "initial", parentIndex: null, headStepId: null, stepIds: ["s1"], changeCount: 0, exploreCount: 1, verifyCount: 0, explorationRatio: 1, backtrack: false },
  { index: 1, agentId: "coder", kind: "change", parentIndex: 0, headStepId: "s2", stepIds: ["s2"], changeCount: 1, exploreCount: 0, verifyCount: 0, explorationRatio: 0, backtrack: false },
];
const agents: AgentSummary[] = [{ id: "coder", name: "coder", spanId: "coder", parentAgentId: null, stageIndexes: [0, 1], stepIds: ["s1", "s2"] }];
const steps = [step("s1", 0, 0, ["s1", "t1"], ["read_file"], "explore"), step("s2", 1, 1, ["s2", "t2"], ["edit_file"], "change")];
const analysis = { tree: { root: tree, spanCount: 8, orphanCount: 0, skewedCount: 0, duplicateCount: 0, cycleCount: 0, maxDepth: 3 }, agents, stages, steps };

const labels = (rows: ReturnType<typeof flattenRows>) => rows.map((r) => `${"  ".repeat(r.depth)}${r.node.label}`);

describe("buildDisplayTree + flattenRows", () => {
  const display = buildDisplayTree(analysis);

  it("regroups an agent's spans into stage > step > span and keeps spans outside steps in time order", () => {
    expect(labels(flattenRows(display, new Set()))).toEqual([
      "chain wf",
      "  agent coder",
      "    Stage 1 · start",
      "      Step 1 · explore · read_file",
      "        llm s1",
      "        tool t1",
      "    Stage 2 · after change",
      "      Step 2 · change · edit_file",
      "        llm s2",
      "        tool t2",
      "    other note",
      "other orphan",
    ]);
    expect(display.size).toBe(12);
  });

  it("gives a group the extent of its members and their worst status", () => {
    const stage2 = display.byId.get("stage:1")!;
    expect([stage2.startMs, stage2.endMs, stage2.status]).toEqual([20, 40, "error"]);
    expect(display.byId.get("step:s1")).toMatchObject({ startMs: 2, endMs: 15, status: "ok", spanId: "s1", stepId: "s1" });
  });

  it("hides the children of a collapsed row and marks it expandable but closed", () => {
    const rows = flattenRows(display, new Set(["coder"]));
    expect(labels(rows)).toEqual(["chain wf", "  agent coder", "other orphan"]);
    expect(rows[1]).toMatchObject({ expandable: true, expanded: false });
    expect(rows[2]).toMatchObject({ expandable: false, expanded: false });
  });

  it("filters to matching spans and their ancestors (a DAG node click)", () => {
    const keep = keepForSpans(display, new Set(["t2"]));
    expect(labels(flattenRows(display, new Set(), keep))).toEqual([
      "chain wf",
      "  agent coder",
      "    Stage 2 · after change",
      "      Step 2 · change · edit_file",
      "        tool t2",
    ]);
  });

  it("hides stage and step rows on request, their spans taking their place", () => {
    expect(labels(flattenRows(display, new Set(), null, { hideGroups: true }))).toEqual([
      "chain wf",
      "  agent coder",
      "    llm s1",
      "    tool t1",
      "    llm s2",
      "    tool t2",
      "    other note",
      "other orphan",
    ]);
  });

  it("shows only failed spans and their ancestors (errors only), and collapses everything (collapse all)", () => {
    const errors = errorSpanIds(display);
    expect([...errors]).toEqual(["t2"]);
    expect(labels(flattenRows(display, new Set(), keepForSpans(display, errors), { hideGroups: true }))).toEqual(["chain wf", "  agent coder", "    tool t2"]);
    expect(labels(flattenRows(display, expandableIds(display)))).toEqual(["chain wf", "other orphan"]);
  });

  it("finds spans by name in tree order, case-insensitively", () => {
    expect(spansNamed(display, "LLM")).toEqual(["s1", "s2"]);
    expect(spansNamed(display, "  ")).toEqual([]);
  });

  it("does not wrap an agent span in a step row when the step is only code handing over to it", () => {
    // The workflow (implicit agent) hands over to coder with no LLM decision: a bare hand-off step.
    const handoff = step("coder", 9, 0, ["coder"], ["agent:coder"], "explore", null);
    const d = buildDisplayTree({ ...analysis, steps: [...steps, handoff] });
    expect(labels(flattenRows(d, new Set())).slice(0, 2)).toEqual(["chain wf", "  agent coder"]);
  });

  it("puts one step row around a framework's step span, not a second one inside it around its LLM call", () => {
    // smolagents over OpenInference: CodeAgent.run > "Step 1" (chain, the step's container) > LLM call + tool.
    const smol = node("__run__", "run", 0, 100, [
      node("run", "agent", 0, 99, [node("c1", "chain", 1, 40, [node("l1", "llm", 2, 20), node("w1", "tool", 21, 30)]), node("c2", "chain", 41, 90, [node("l2", "llm", 42, 60)])]),
    ]);
    const smolSteps = [step("l1", 0, 0, ["l1", "w1", "c1"], ["web_search", "step-observation"], "explore"), step("l2", 1, 0, ["l2", "c2"], ["step-observation"], "explore")];
    const smolStages: StageSummary[] = [{ ...stages[0]!, agentId: "run", stepIds: ["l1", "l2"] }];
    const smolAgents = [{ ...agents[0]!, id: "run", name: "CodeAgent", spanId: "run", stepIds: ["l1", "l2"] }];
    const d = buildDisplayTree({ tree: { ...analysis.tree, root: smol }, agents: smolAgents, stages: smolStages, steps: smolSteps });
    expect(labels(flattenRows(d, new Set()))).toEqual([
      "agent run",
      "  Stage 1 · start",
      "    Step 1 · explore · web_search, step-observation",
      "      chain c1",
      "        llm l1",
      "        tool w1",
      "    Step 2 · explore · step-observation",
      "      chain c2",
      "        llm l2",
    ]);
  });

  it("names the rows to expand for a deep link, nearest first", () => {
    expect(ancestorsOf(display, "t2")).toEqual(["step:s2", "stage:1", "coder", "wf"]);
    expect(ancestorsOf(display, "orphan")).toEqual([]);
  });

  it("groups and flattens a 10,000-span run (its speed is measured by scripts/bench-run-page.ts, not asserted here)", () => {
    // One agent with 5,000 steps of llm + tool: 10,001 spans.
    const kids: SpanTreeNode[] = [];
    const many: StepSummary[] = [];
    for (let i = 0; i < 5000; i++) {
      kids.push(node(`l${i}`, "llm", i * 10, i * 10 + 4), node(`t${i}`, "tool", i * 10 + 5, i * 10 + 9));
      many.push(step(`l${i}`, i, 0, [`l${i}`, `t${i}`], ["shell"], "explore"));
    }
    const big = {
      tree: { ...analysis.tree, root: node("__run__", "run", 0, 50_000, [node("a", "agent", 0, 50_000, kids)]) },
      agents: [{ ...agents[0]!, id: "a", spanId: "a", stageIndexes: [0] }],
      stages: [{ ...stages[0]!, agentId: "a" }],
      steps: many,
    };
    const d = buildDisplayTree(big);
    const rows = flattenRows(d, new Set());
    expect(rows).toHaveLength(1 + 1 + 5000 + 10_000); // agent, stage, steps, spans
  });
});

describe("stepLabel", () => {
  it.each([
    { why: "a step naming each tool once", s: step("x", 4, 0, [], ["shell", "shell", "read_file"], "verify"), want: "Step 5 · verify · shell, read_file" },
    { why: "a final answer with no tool", s: step("y", 0, 0, [], [], "answer"), want: "Step 1 · answer" },
  ])("$why", ({ s, want }) => expect(stepLabel(s)).toBe(want));
});

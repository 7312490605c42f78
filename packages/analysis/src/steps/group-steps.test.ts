import { describe, expect, it } from "vitest";
import { RunBuilder } from "../test-support/span-builder";
import { buildHierarchy } from "./run-model";

describe("steps: one LLM decision plus the tool calls it issued", () => {
  it("matches tools to the decision that requested their call id, even when tools of two decisions interleave", () => {
    // agent |===============================|
    // llm A   |==| requests call a1
    // llm B        |==| requests call b1
    // tool a1           |====|             (slow tool of A ends late)
    // tool b1             |=|
    const b = new RunBuilder();
    const agent = b.agent("a", { id: "agent" });
    b.llm({ id: "A", parent: agent, start: 10, end: 20, toolCalls: [{ id: "a1", name: "bash", args: { command: "ls" } }] });
    b.llm({ id: "B", parent: agent, start: 25, end: 30, toolCalls: [{ id: "b1", name: "bash", args: { command: "pwd" } }] });
    b.tool("bash", { id: "ta", parent: agent, start: 35, end: 60, callId: "a1", args: { command: "ls" } });
    b.tool("bash", { id: "tb", parent: agent, start: 40, end: 45, callId: "b1", args: { command: "pwd" } });
    const { steps } = buildHierarchy(b.build());
    expect(steps.map((s) => [s.id, s.actions.map((a) => a.spanId)])).toEqual([
      ["A", ["ta"]],
      ["B", ["tb"]],
    ]);
  });

  it("uses onset.step.index for imported runs whose synthetic clock gives equal start times", () => {
    // Importers lay out llm then tool spans, all starting at the same instant.
    const b = new RunBuilder();
    const agent = b.agent("swe", { id: "agent" });
    for (const k of [0, 1]) {
      b.llm({ id: `llm${k}`, parent: agent, start: 100, end: 100, attrs: { "onset.step.index": k } });
      b.tool("bash", { id: `tool${k}`, parent: agent, start: 100, end: 100, attrs: { "onset.step.index": k }, args: { command: `echo ${k}` } });
    }
    const { steps } = buildHierarchy(b.build());
    expect(steps.map((s) => [s.id, s.sourceIndex, s.actions.map((a) => a.spanId)])).toEqual([
      ["llm0", 0, ["tool0"]],
      ["llm1", 1, ["tool1"]],
    ]);
  });

  it("attaches a tool nested in an LLM span to it, and skips wrapper LLM spans (ai.generateText around doGenerate)", () => {
    // wrapper(llm) |======================|
    // doGenerate     |==|        |==|
    // toolCall            |==|
    const b = new RunBuilder();
    const wrapper = b.llm({ id: "wrap", name: "ai.generateText" });
    b.llm({ id: "gen1", parent: wrapper });
    b.tool("search", { id: "tool", parent: wrapper, args: { query: "x" } });
    b.llm({ id: "gen2", parent: wrapper, text: "answer" });
    const { steps } = buildHierarchy(b.build());
    expect(steps.map((s) => [s.id, s.actions.map((a) => a.spanId), s.role])).toEqual([
      ["gen1", ["tool"], "explore"],
      ["gen2", [], "answer"],
    ]);
  });

  it("folds a failed LLM call with no output into the next decision as a retry", () => {
    const b = new RunBuilder();
    b.llm({ id: "fail", status: "error", error: "529 overloaded", text: "", outputTokens: 0 });
    b.llm({ id: "ok", toolCalls: [{ name: "bash", args: {} }] });
    b.tool("bash", { id: "t", args: { command: "ls" } });
    const { steps } = buildHierarchy(b.build());
    expect(steps).toHaveLength(1);
    expect(steps[0]!.id).toBe("ok");
    expect(steps[0]!.spanIds).toEqual(["ok", "fail", "t"]);
  });

  it("gives tools with no decision before them steps of their own (tool-only traces)", () => {
    const b = new RunBuilder();
    b.tool("bash", { id: "t1", args: { command: "ls" } });
    b.tool("bash", { id: "t2", args: { command: "pwd" } });
    const { steps } = buildHierarchy(b.build());
    expect(steps.map((s) => [s.id, s.llmSpanId])).toEqual([
      ["t1", null],
      ["t2", null],
    ]);
  });

  it("splits a planner/worker run into agents; the hand-off is an action of the planner's step", () => {
    // planner |======================================|
    // p-llm1    |==| (delegate)
    // worker        |=================|
    // w-llm           |==|
    // w-tool               |==|
    // p-llm2                               |==| (answer)
    const b = new RunBuilder();
    const planner = b.agent("planner", { id: "planner" });
    b.llm({ id: "p1", parent: planner, toolCalls: [{ name: "delegate", args: { to: "worker" } }] });
    const worker = b.agent("worker", { id: "worker", parent: planner });
    b.llm({ id: "w1", parent: worker });
    b.tool("web_search", { id: "wt", parent: worker, args: { query: "q" } });
    b.llm({ id: "p2", parent: planner, text: "final answer" });
    const { agents, steps } = buildHierarchy(b.build());
    expect(agents.map((a) => [a.id, a.name, a.parentAgentId, a.stepIds])).toEqual([
      ["planner", "planner", null, ["p1", "p2"]],
      ["worker", "worker", "planner", ["w1"]],
    ]);
    expect(steps[0]!.actions.map((a) => [a.spanId, a.kind, a.tool])).toEqual([["worker", "handoff", "agent:worker"]]);
    expect(steps.map((s) => s.id)).toEqual(["p1", "w1", "p2"]);
  });
});

describe("stages: a change opens a child state, exploring stays inside it", () => {
  it("groups steps as the change/explore rule says and reports the state transitions", () => {
    // explore  explore  CHANGE  verify  explore  CHANGE(failed)  CHANGE
    // |----- stage 0 -||------- stage 1 ------------------------||- 2 -|
    const b = new RunBuilder();
    const a = b.agent("coder");
    const sh = (command: string, result: string, exit: number) => b.step({ parent: a, calls: [{ tool: "bash", args: { command }, result, exit }] });
    sh("ls", "src", 0);
    sh("cat src/a.py", "x = 1", 0);
    sh("sed -i 's/1/2/' src/a.py", "", 0);
    sh("pytest -q", "3 passed", 0);
    sh("grep -rn x src", "src/a.py:1:x = 2", 0);
    sh("sed -i 's/2/3/' src/missing.py", "sed: can't read src/missing.py: No such file or directory", 2);
    b.step({ parent: a, calls: [{ tool: "str_replace_editor", args: { command: "str_replace", path: "src/b.py", old_str: "y", new_str: "z" }, result: "edited" }] });
    const { stages, steps } = buildHierarchy(b.build());
    expect(stages.map((s) => [s.kind, s.parentIndex, s.stepIds.length, s.changeCount, s.verifyCount, s.exploreCount])).toEqual([
      ["initial", null, 2, 0, 0, 2],
      ["change", 0, 4, 2, 1, 1],
      ["change", 1, 1, 1, 0, 0],
    ]);
    expect(stages[1]!.explorationRatio).toBe(0.5);
    expect(steps[2]!.transition.filesWritten).toEqual(["src/a.py"]);
    expect(steps[3]!.transition.checks).toEqual([expect.objectContaining({ kind: "test", key: "test:*", outcome: "pass" })]);
    expect(steps[5]!.transition.errors).toEqual([expect.objectContaining({ category: "not-found" })]);
    expect(steps[5]!.transition.filesWritten).toEqual([]);
    expect(steps[5]!.transition.commands).toEqual([expect.objectContaining({ exitCode: 2 })]);
    expect(steps[6]!.transition.filesWritten).toEqual(["src/b.py"]);
  });

  it("marks a stage opened by a revert as a backtrack", () => {
    const b = new RunBuilder();
    const a = b.agent("coder");
    b.step({ parent: a, calls: [{ tool: "bash", args: { command: "sed -i 's/a/b/' x.py" }, result: "", exit: 0 }] });
    b.step({ parent: a, calls: [{ tool: "bash", args: { command: "git checkout -- x.py" }, result: "", exit: 0 }] });
    const { stages } = buildHierarchy(b.build());
    expect(stages.map((s) => s.backtrack)).toEqual([false, true]);
  });

  it("carries the SWE-agent open file into a later path-less edit", () => {
    const b = new RunBuilder();
    const a = b.agent("swe");
    b.step({ parent: a, calls: [{ tool: "bash", args: { command: "open src/calc.py" }, result: "[File: src/calc.py]", exit: 0 }] });
    b.step({ parent: a, calls: [{ tool: "bash", args: { command: "edit 3:3\n    return a + b\nend_of_edit" }, result: "File updated.", exit: 0 }] });
    const { steps } = buildHierarchy(b.build());
    expect(steps[1]!.transition.filesWritten).toEqual(["src/calc.py"]);
  });

  it("reads a transfer_to_<agent> tool as a hand-off, and a transfer to a human as the action it is", () => {
    const b = new RunBuilder();
    const agent = b.agent("planner", { id: "planner" });
    b.step({ parent: agent, calls: [{ tool: "transfer_to_writer", args: {}, result: "Transferred to writer, adopting the role of writer immediately." }] });
    b.step({ parent: agent, calls: [{ tool: "transfer_to_human_agents", args: { summary: "refund request" }, result: "Transfer successful" }] });
    const { steps } = buildHierarchy(b.build());
    expect(steps.flatMap((s) => s.actions.map((a) => [a.tool, a.kind]))).toEqual([
      ["transfer_to_writer", "handoff"],
      ["transfer_to_human_agents", "change"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { RunDagSchema } from "../schema/dag-schema";
import { RunBuilder } from "../test-support/span-builder";
import { buildDag } from "./build-dag";

/**
 * planner |==================================================|
 *   llm(gpt-4o)  |==|                          |==|
 *   worker          |====================|
 *     llm(gpt-4o-mini) |==|    |==|
 *     web_search             |==|(error)
 *     summarize(tool)               |=====|
 *       llm(gpt-4o-mini)             |==|     (a tool that calls a model)
 * reviewer (sibling of planner: hand-off)                          |=====|
 *   llm(gpt-4o)                                                      |==|
 */
function multiAgentRun(traceSeed: string) {
  const b = new RunBuilder(traceSeed);
  const planner = b.agent("planner", { id: `${traceSeed}-p` });
  b.llm({ parent: planner, model: "gpt-4o", inputTokens: 100, outputTokens: 10, costUsd: 0.01 });
  const worker = b.agent("worker", { parent: planner });
  b.llm({ parent: worker, model: "gpt-4o-mini", inputTokens: 50, outputTokens: 5, costUsd: 0.001 });
  b.tool("web_search", { parent: worker, error: "503", ms: 40 });
  b.llm({ parent: worker, model: "gpt-4o-mini", inputTokens: 60, outputTokens: 6, costUsd: 0.001 });
  const tool = b.tool("summarize", { parent: worker, ms: 30, costUsd: 0.0005 });
  b.llm({ parent: tool, model: "gpt-4o-mini", inputTokens: 30, outputTokens: 3, costUsd: 0.0003 });
  b.llm({ parent: planner, model: "gpt-4o", inputTokens: 200, outputTokens: 20, costUsd: 0.02 });
  const reviewer = b.agent("reviewer");
  b.llm({ parent: reviewer, model: "gpt-4o", inputTokens: 80, outputTokens: 8, costUsd: 0.008 });
  return b.build();
}

describe("buildDag", () => {
  const dag = buildDag(multiAgentRun("aaaa"));

  it("has agents, tools and models as nodes with ids from kind and name", () => {
    expect(dag.nodes.map((n) => n.id)).toEqual(["agent:planner", "agent:reviewer", "agent:worker", "model:gpt-4o", "model:gpt-4o-mini", "tool:summarize", "tool:web_search"]);
    expect(RunDagSchema.parse(dag)).toEqual(dag);
  });

  it("has call edges (agent->model, agent->tool, agent->sub-agent, tool->model) and a hand-off edge", () => {
    expect(dag.edges.map((e) => e.id)).toEqual([
      "agent:planner->agent:reviewer:handoff",
      "agent:planner->agent:worker:calls",
      "agent:planner->model:gpt-4o:calls",
      "agent:reviewer->model:gpt-4o:calls",
      "agent:worker->model:gpt-4o-mini:calls",
      "agent:worker->tool:summarize:calls",
      "agent:worker->tool:web_search:calls",
      "tool:summarize->model:gpt-4o-mini:calls",
    ]);
  });

  it("counts calls, tokens, cost, errors and latency on nodes and edges", () => {
    const model = dag.nodes.find((n) => n.id === "model:gpt-4o-mini")!;
    expect(model.count).toBe(3);
    expect(model.tokens.input).toBe(140);
    expect(model.costUsd).toBeCloseTo(0.0023, 9);
    const search = dag.nodes.find((n) => n.id === "tool:web_search")!;
    expect([search.count, search.errors, search.latency.totalMs]).toEqual([1, 1, 40]);
    const edge = dag.edges.find((e) => e.id === "agent:planner->model:gpt-4o:calls")!;
    expect([edge.count, edge.tokens.input, edge.tokens.output]).toEqual([2, 300, 30]);
    const worker = dag.nodes.find((n) => n.id === "agent:worker")!;
    // The worker's own model calls and tool cost; the summarize tool's inner model call belongs to the tool.
    expect(worker.tokens.input).toBe(110);
    expect(worker.costUsd).toBeCloseTo(0.0025, 9);
  });

  it("keeps node ids stable across runs (span ids differ, ids do not)", () => {
    const other = buildDag(multiAgentRun("bbbb"));
    expect(other.nodes.map((n) => n.id)).toEqual(dag.nodes.map((n) => n.id));
    expect(other.edges.map((e) => e.id)).toEqual(dag.edges.map((e) => e.id));
  });

  it("skips wrapper LLM spans so tokens are not counted twice, and names an implicit agent for agent-less runs", () => {
    const b = new RunBuilder();
    const wrap = b.llm({ name: "ai.generateText", model: "m", inputTokens: 100, outputTokens: 10 });
    b.llm({ parent: wrap, model: "m", inputTokens: 100, outputTokens: 10 });
    const d = buildDag(b.build());
    expect(d.nodes.map((n) => [n.id, n.count, n.tokens.input])).toEqual([
      ["agent:test-agent", 1, 100],
      ["model:m", 1, 100],
    ]);
  });
});

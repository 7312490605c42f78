/**
 * Which spans a DAG node stands for, so clicking a node filters the tree to them.
 * Node ids are `kind:name` (packages/analysis dag/build-dag.ts): an agent node is every
 * invocation of that agent with its steps' spans; a tool node is the tool spans of that
 * tool; a model node is the LLM calls to that model ("unknown" when none was reported).
 */
import type { RunAnalysis, SpanTreeNode } from "@onset/analysis";
import type { PageStep } from "@/contracts/run";

/** Per-span facts the analysis tree lacks (GET /runs/{traceId}/analysis `spans`). */
export interface SpanFactsLite {
  spanId: string;
  model: string | null;
  toolName: string | null;
}

/** The span ids behind a DAG node id; empty for an id of no known kind. */
export function spansForDagNode(
  nodeId: string,
  analysis: Pick<RunAnalysis, "tree" | "agents"> & { steps: readonly PageStep[] },
  facts: readonly SpanFactsLite[],
): Set<string> {
  const colon = nodeId.indexOf(":");
  const kind = nodeId.slice(0, colon);
  const name = nodeId.slice(colon + 1);
  const out = new Set<string>();
  if (colon < 0) return out;
  if (kind === "agent") {
    const steps = new Map(analysis.steps.map((s) => [s.id, s]));
    for (const agent of analysis.agents) {
      if (agent.name !== name) continue;
      if (agent.spanId) out.add(agent.spanId);
      for (const stepId of agent.stepIds) for (const id of steps.get(stepId)?.spanIds ?? []) out.add(id);
    }
    return out;
  }
  const factById = new Map(facts.map((f) => [f.spanId, f]));
  walk(analysis.tree.root, (node) => {
    const fact = factById.get(node.spanId);
    if (kind === "model" && node.type === "llm" && (fact?.model ?? "unknown") === name) out.add(node.spanId);
    if (kind === "tool" && (node.type === "tool" || node.type === "retriever") && (fact?.toolName ?? node.name) === name) out.add(node.spanId);
  });
  return out;
}

/** Visits every node of the span tree (iteratively: deep trees must not overflow the stack). */
export function walk(root: SpanTreeNode, visit: (node: SpanTreeNode) => void): void {
  const stack: SpanTreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

import { describe, expect, it } from "vitest";
import { RunBuilder } from "../test-support/span-builder";
import { RUN_ROOT_ID, SpanTreeSchema, type SpanTreeNode } from "../schema/tree-schema";
import { buildTree } from "./build-tree";

function ids(node: SpanTreeNode): unknown {
  return node.children.length === 0 ? node.spanId : { [node.spanId]: node.children.map(ids) };
}

describe("buildTree", () => {
  it("nests spans by parent id under the synthetic run root, children in start order", () => {
    // agent  |==========================|
    // llm1     |===|
    // tool1          |==|
    // llm2                 |===|
    const b = new RunBuilder();
    const agent = b.agent("coder", { id: "agent" });
    b.llm({ id: "llm1", parent: agent });
    b.tool("bash", { id: "tool1", parent: agent });
    b.llm({ id: "llm2", parent: agent });
    const spans = b.build();
    // Input order must not matter.
    const tree = buildTree([...spans].reverse());
    expect(tree.root.spanId).toBe(RUN_ROOT_ID);
    expect(ids(tree.root)).toEqual({ [RUN_ROOT_ID]: [{ agent: ["llm1", "tool1", "llm2"] }] });
    expect(tree.maxDepth).toBe(2);
    expect(SpanTreeSchema.parse(tree)).toEqual(tree);
  });

  it("keeps spans whose parent never arrived as orphans under the root", () => {
    // agent  |=========|
    // llm      |==|
    // tool ?           |==|   (parent "gone" not in the batch)
    const b = new RunBuilder();
    const agent = b.agent("a", { id: "agent" });
    b.llm({ id: "llm", parent: agent });
    b.tool("bash", { id: "tool", parent: "gone" });
    const tree = buildTree(b.build());
    expect(tree.orphanCount).toBe(1);
    const orphan = tree.root.children.find((c) => c.spanId === "tool")!;
    expect(orphan.orphan).toBe(true);
    expect(orphan.parentSpanId).toBe("gone");
  });

  it("tolerates clock skew: a child starting before its parent is kept and flagged", () => {
    // parent        |=====|
    // child    |==|            (child clock 50 ms behind)
    const b = new RunBuilder();
    b.agent("a", { id: "parent", start: 1000, end: 2000 });
    b.tool("bash", { id: "child", parent: "parent", start: 950, end: 990 });
    const tree = buildTree(b.build());
    const child = tree.root.children[0]!.children[0]!;
    expect(child.spanId).toBe("child");
    expect(child.skewed).toBe(true);
    expect(tree.skewedCount).toBe(1);
  });

  it("breaks parent cycles at their earliest span instead of losing the spans", () => {
    // a -> b -> a (each names the other as parent); c hangs below b.
    const b = new RunBuilder();
    b.chain("a", { id: "a", parent: "b", start: 10, end: 100 });
    b.chain("b", { id: "b", parent: "a", start: 20, end: 90 });
    b.tool("t", { id: "c", parent: "b", start: 30, end: 40 });
    const tree = buildTree(b.build());
    expect(tree.cycleCount).toBe(1);
    expect(ids(tree.root)).toEqual({ [RUN_ROOT_ID]: [{ a: [{ b: ["c"] }] }] });
    expect(tree.root.children[0]!.orphan).toBe(true);
  });

  it("counts and drops duplicate span ids (first occurrence wins)", () => {
    const b = new RunBuilder();
    b.llm({ id: "x", name: "first" });
    const spans = b.build();
    const tree = buildTree([...spans, { ...spans[0]!, name: "second" }]);
    expect(tree.duplicateCount).toBe(1);
    expect(tree.spanCount).toBe(1);
    expect(tree.root.children[0]!.name).toBe("first");
  });

  it("builds an empty tree for an empty run", () => {
    const tree = buildTree([]);
    expect(tree.root.children).toEqual([]);
    expect(tree.spanCount).toBe(0);
  });

  it("does not mutate its input", () => {
    const b = new RunBuilder();
    const agent = b.agent("a");
    b.llm({ parent: agent });
    const spans = b.build();
    const before = JSON.stringify(spans);
    buildTree(spans);
    expect(JSON.stringify(spans)).toBe(before);
  });
});

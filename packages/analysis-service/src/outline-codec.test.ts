import { buildTree } from "@onset/analysis";
import { describe, expect, it } from "vitest";
import { decodeOutline, encodeOutline, type OutlineFacts, type OutlineGroups } from "./outline-codec";

type Listed = Parameters<typeof buildTree>[0][number];

const span = (spanId: string, parentSpanId: string | null, name: string, start: number, end: number, extra: Partial<Listed> = {}): Listed =>
  ({ spanId, parentSpanId, name, type: "chain", statusCode: "ok", startTimeMs: start, endTimeMs: end, ...extra }) as Listed;

describe("run outline columns", () => {
  // A root with an agent, an LLM call and a failed tool call; an orphan whose parent
  // never arrived; a child that ends after its parent (skew); fractional times.
  const spans: Listed[] = [
    span("a000000000000001", null, "invoke_workflow", 1_700_000_000_000, 1_700_000_009_000),
    span("a000000000000002", "a000000000000001", "invoke_agent coder", 1_700_000_000_100.25, 1_700_000_008_000, { type: "agent" }),
    span("a000000000000003", "a000000000000002", "chat gpt-4o", 1_700_000_000_200, 1_700_000_001_200.5, { type: "llm" }),
    span("a000000000000004", "a000000000000002", "execute_tool shell", 1_700_000_001_300, 1_700_000_008_500, { type: "tool", statusCode: "error" }),
    span("a000000000000005", "ffffffffffffffff", "chat gpt-4o", 1_700_000_002_000, 1_700_000_002_500, { type: "llm" }),
  ];
  const facts: OutlineFacts[] = [
    { spanId: "a000000000000003", model: "gpt-4o", toolName: null, agentName: "coder", inputTokens: 1200, outputTokens: 80, costUsd: 0.0042 },
    { spanId: "a000000000000004", model: null, toolName: "shell", agentName: "coder", inputTokens: null, outputTokens: null, costUsd: null },
    { spanId: "a000000000000005", model: "gpt-4o", toolName: null, agentName: null, inputTokens: 10, outputTokens: 2, costUsd: 0 },
  ];

  it("decodes to the analyzer's tree and every span's facts", () => {
    const tree = buildTree(spans);
    expect(tree.orphanCount).toBe(1);
    expect(tree.skewedCount).toBe(1);
    const back = decodeOutline(JSON.parse(JSON.stringify(encodeOutline(tree, facts))));
    expect(back.tree).toEqual(tree);
    const none = { model: null, toolName: null, agentName: null, inputTokens: null, outputTokens: null, costUsd: null };
    const expected = spans.map((s) => facts.find((f) => f.spanId === s.spanId) ?? { spanId: s.spanId, ...none });
    const bySpan = (a: OutlineFacts, b: OutlineFacts) => a.spanId.localeCompare(b.spanId);
    expect([...back.spans].sort(bySpan)).toEqual(expected.sort(bySpan));
  });

  it("names each repeated string once and sends no per-span keys", () => {
    const encoded = encodeOutline(buildTree(spans), facts);
    expect(encoded.strings.filter((s) => s === "chat gpt-4o")).toHaveLength(1);
    expect(encoded.strings.filter((s) => s === "gpt-4o")).toHaveLength(1);
    expect(encoded.spans.spanId).toHaveLength(spans.length);
    expect(JSON.stringify(encoded)).not.toContain('"startTimeMs":1700000000200');
    // The orphan keeps the parent id it named.
    const row = encoded.spans.spanId.indexOf("a000000000000005");
    expect(encoded.spans.parent[row]).toBe(-1);
    expect(encoded.spans.detachedParents[row]).toBe("ffffffffffffffff");
  });

  // The stored outline carries the analysis' grouping; each step's spans travel as row numbers and come back as span ids, in order.
  it("carries the step and stage grouping when given, each step's spans as rows", () => {
    const groups: OutlineGroups = {
      agents: [{ id: "agent:a000000000000002", stageIndexes: [0] }],
      stages: [{ index: 0, agentId: "agent:a000000000000002", kind: "initial", backtrack: false }],
      steps: [
        {
          id: "a000000000000003", index: 0, role: "change", stageIndex: 0, llmSpanId: "a000000000000003",
          spanIds: ["a000000000000004", "a000000000000003"], actions: [{ tool: "shell", kind: "change" }],
        },
      ],
    };
    const encoded = JSON.parse(JSON.stringify(encodeOutline(buildTree(spans), facts, groups)));
    expect(encoded.groups.steps.rows[0]).toEqual(["a000000000000004", "a000000000000003"].map((id) => encoded.spans.spanId.indexOf(id)));
    expect(JSON.stringify(encoded.groups)).not.toContain("a000000000000004");
    expect(decodeOutline(encoded).groups).toEqual(groups);
    expect(decodeOutline(encodeOutline(buildTree(spans), facts)).groups).toBeNull();
    // A step naming a span the tree does not have cannot be drawn from rows: no grouping is sent (the page waits for the diagnosis's).
    const stray = { ...groups, steps: [{ ...groups.steps[0]!, spanIds: ["a000000000000003", "0123456789abcdef"] }] };
    expect(encodeOutline(buildTree(spans), facts, stray).groups).toBeUndefined();
  });

  it("keeps a deep chain without recursion", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => span(i.toString(16).padStart(16, "0"), i ? (i - 1).toString(16).padStart(16, "0") : null, `s${i}`, i, 40_000 - i));
    const tree = buildTree(chain);
    const back = decodeOutline(encodeOutline(tree, []));
    expect(back.tree.maxDepth).toBe(tree.maxDepth);
    expect(back.spans).toHaveLength(20_000);
  });
});

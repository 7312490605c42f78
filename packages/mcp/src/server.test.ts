/**
 * The MCP server end to end over the SDK's own in-memory transport: the SDK's Client
 * lists the tools and calls them; the tools read a fake Onset JSON API over real HTTP
 * (test-support/fake-onset.ts) whose analysis and diff come from the real analyzer.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOnsetMcpServer } from "./server";
import { OnsetClient } from "./onset-client";
import { FAILED_RUN, FAKE_KEY, GOOD_RUN, startFakeOnset, type FakeOnset } from "./test-support/fake-onset";

let fake: FakeOnset;
let client: Client;

/** Calls a tool and parses its JSON text answer. */
async function call(name: string, args: Record<string, unknown>): Promise<{ result: CallToolResult; body: unknown }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  const text = first?.type === "text" ? first.text : "";
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // error answers are plain text
  }
  return { result, body };
}

beforeAll(async () => {
  fake = await startFakeOnset();
  const server = createOnsetMcpServer(new OnsetClient({ baseUrl: fake.url, apiKey: FAKE_KEY }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(clientSide);
});

afterAll(async () => {
  await client?.close();
  await fake?.close();
});

describe("Onset MCP server", () => {
  it("lists its five read-only tools with their input schemas", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["compare_runs", "get_diagnosis", "get_run", "get_span", "list_runs"]);
    for (const t of tools) expect(t.annotations?.readOnlyHint).toBe(true);
    const diag = tools.find((t) => t.name === "get_diagnosis")!;
    expect(diag.inputSchema.required).toEqual(["traceId"]);
    const list = tools.find((t) => t.name === "list_runs")!;
    expect(Object.keys(list.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(["status", "from", "to", "q", "minCost", "hasOnset", "hasLoops", "cursor"]),
    );
  });

  it("get_diagnosis names the onset (the edit that broke the tests), its chain and the outcome", async () => {
    const { result, body } = await call("get_diagnosis", { traceId: FAILED_RUN });
    expect(result.isError).toBeFalsy();
    const d = body as {
      run: { traceId: string; status: string; onsetSpanId: string };
      outcome: { status: string; source: string };
      onset: { spanId: string; span: string; stepIndex: number; confidence: number; evidence: { kind: string }[] };
      chain: { stepIndex: number; relation: string }[];
      loops: unknown[];
      costFindings: unknown[];
    };
    const expected = fake.canned.runs.get(FAILED_RUN)!.analysis;
    expect(d.run).toMatchObject({ traceId: FAILED_RUN, status: "error", onsetSpanId: expected.onset!.spanId });
    expect(d.outcome).toMatchObject({ status: "failed", source: "inferred" });
    expect(d.onset).toMatchObject({ spanId: expected.onset!.spanId, stepIndex: 2 });
    expect(d.onset.span).toMatch(/^llm /);
    expect(d.onset.confidence).toBeGreaterThan(0.5);
    expect(d.onset.evidence.length).toBeGreaterThan(0);
    expect(d.chain.map((c) => [c.stepIndex, c.relation])).toEqual([
      [3, "affected"],
      [4, "affected"],
    ]);
    expect(d.loops).toEqual([]);
    expect(d.costFindings).toEqual([]);
    expect(fake.requests.at(-1)).toEqual({ path: `/api/v1/runs/${FAILED_RUN}/analysis`, auth: `Bearer ${FAKE_KEY}` });
  });

  it("get_diagnosis of a run nobody judged claims no onset and names its suspects, the onset a failed verdict would give first", async () => {
    const { body } = await call("get_diagnosis", { traceId: GOOD_RUN });
    const d = body as { outcome: { status: string }; onset: unknown; suspects: { spanId: string; span: string | null; score: number; evidence: { kind: string }[] }[] };
    expect([d.outcome.status, d.onset]).toEqual(["unknown", null]);
    const expected = fake.canned.runs.get(GOOD_RUN)!.analysis.suspects;
    expect(expected.length).toBeGreaterThan(0);
    expect(d.suspects.map((s) => s.spanId)).toEqual(expected.map((s) => s.spanId));
    expect(d.suspects[0]!.span).toMatch(/^(llm|tool) /);
  });

  it("compare_runs gives t*, the classification and the first differing steps with their spans", async () => {
    const { result, body } = await call("compare_runs", { a: GOOD_RUN, b: FAILED_RUN, maxSteps: 3 });
    expect(result.isError).toBeFalsy();
    const expected = fake.canned.diff;
    const d = body as {
      a: { traceId: string };
      b: { traceId: string };
      dNorm: number;
      firstDivergence: { index: number; relative: number; type: string; a: { spanId: string; name: string } | null; b: { spanId: string; name: string } | null };
      classification: string;
      differingSteps: number;
      firstDifferingSteps: { op: string; a: { spanId: string } | null; b: { spanId: string } | null }[];
    };
    expect([d.a.traceId, d.b.traceId]).toEqual([GOOD_RUN, FAILED_RUN]);
    expect(expected.firstDivergence).not.toBeNull();
    expect(d.firstDivergence).toMatchObject({ index: expected.firstDivergence!.index, type: expected.firstDivergence!.type });
    expect(d.firstDivergence.relative).toBeCloseTo(expected.firstDivergence!.relative, 3);
    expect(d.firstDivergence.b?.spanId).toBe(expected.firstDivergence!.spanIdB);
    expect(d.firstDivergence.b?.name).toBeTruthy();
    expect(d.classification).toBe(expected.classification);
    expect(d.dNorm).toBeGreaterThan(0);
    expect(d.differingSteps).toBe(expected.pairs.filter((p) => p.op !== "match").length);
    expect(d.firstDifferingSteps.length).toBe(Math.min(3, d.differingSteps));
    expect(d.firstDifferingSteps[0]!.op).not.toBe("match");
  });

  it("list_runs passes the filters the runs API supports and returns compact lines", async () => {
    const { body } = await call("list_runs", { status: "error", hasOnset: true, minCost: 0.001, limit: 5 });
    const { runs, nextCursor } = body as { runs: { traceId: string; onsetSpanId: string | null }[]; nextCursor: string | null };
    expect(runs.map((r) => r.traceId)).toEqual([FAILED_RUN]);
    expect(nextCursor).toBeNull();
    const seen = new URL(fake.requests.at(-1)!.path, "http://x").searchParams;
    expect(Object.fromEntries(seen)).toEqual({ status: "error", hasOnset: "true", minCost: "0.001", limit: "5" });
  });

  it("get_run pages the step tree with depths and no content", async () => {
    const first = (await call("get_run", { traceId: FAILED_RUN, limit: 4 })).body as {
      run: { traceId: string; spans: number };
      steps: { spanId: string; depth: number; type: string; toolName?: string }[];
      nextCursor: string | null;
    };
    expect(first.run).toMatchObject({ traceId: FAILED_RUN, spans: 11 });
    expect(first.steps.map((s) => [s.type, s.depth])).toEqual([
      ["agent", 0],
      ["llm", 1],
      ["tool", 1],
      ["llm", 1],
    ]);
    expect(first.steps[2]!.toolName).toBe("bash");
    expect(JSON.stringify(first)).not.toContain("5 passed");
    expect(first.nextCursor).toBe("4");
    const second = (await call("get_run", { traceId: FAILED_RUN, limit: 500, cursor: first.nextCursor })).body as { steps: unknown[]; nextCursor: string | null };
    expect(second.steps).toHaveLength(7);
    expect(second.nextCursor).toBeNull();
  });

  it("get_span returns the content, cutting long parts with a marker", async () => {
    const run = fake.canned.runs.get(FAILED_RUN)!;
    const tool = run.spans.find((s) => s.tool?.name === "bash" && String(s.tool.result).includes("1 failed"))!;
    const { body } = await call("get_span", { traceId: FAILED_RUN, spanId: tool.spanId });
    const s = body as { spanId: string; toolName: string; content: { tool: string; output: string | null } };
    expect(s).toMatchObject({ spanId: tool.spanId, toolName: "bash" });
    expect(s.content.tool).toContain("1 failed, 4 passed");
    expect(s.content.tool).not.toContain("[truncated");

    // A span whose content is far over the budget: its input is cut, with the marker.
    tool.input = { kind: "text", text: "x".repeat(50_000) };
    const big = (await call("get_span", { traceId: FAILED_RUN, spanId: tool.spanId })).body as { content: { input: string } };
    expect(big.content.input.length).toBeLessThan(4000);
    expect(big.content.input).toMatch(/…\[truncated: \d+ of \d+ characters omitted\]$/);
    expect(JSON.stringify(big).length).toBeLessThan(9000);
  });

  it("reports API errors and bad ids as tool errors", async () => {
    const missing = await call("get_diagnosis", { traceId: "f".repeat(32) });
    expect(missing.result.isError).toBe(true);
    expect(missing.body).toBe(`Onset API error 404 not_found: run ${"f".repeat(32)}`);
    const bad = await call("get_span", { traceId: FAILED_RUN, spanId: "nope" });
    expect(bad.result.isError).toBe(true);
    expect(String(bad.body)).toMatch(/span id is 16 hex characters/);
  });

  it("says so when Onset cannot be reached", async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, "127.0.0.1", r));
    const { port } = gone.address() as AddressInfo;
    await new Promise((r) => gone.close(r));
    const server = createOnsetMcpServer(new OnsetClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: FAKE_KEY }));
    const [c, s] = InMemoryTransport.createLinkedPair();
    await server.connect(s);
    const other = new Client({ name: "test", version: "1.0.0" });
    await other.connect(c);
    const r = (await other.callTool({ name: "get_diagnosis", arguments: { traceId: FAILED_RUN } })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(r.content[0]).toEqual({
      type: "text",
      text: `Onset API error 502 unreachable: cannot reach Onset at http://127.0.0.1:${port} (ECONNREFUSED); is it running, and is ONSET_URL right?`,
    });
    await other.close();
  });

  it("says so when the key is refused", async () => {
    const server = createOnsetMcpServer(new OnsetClient({ baseUrl: fake.url, apiKey: "wrong" }));
    const [c, s] = InMemoryTransport.createLinkedPair();
    await server.connect(s);
    const other = new Client({ name: "test", version: "1.0.0" });
    await other.connect(c);
    const r = (await other.callTool({ name: "list_runs", arguments: {} })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(r.content[0]).toEqual({ type: "text", text: "Onset API error 401 unauthorized: missing or invalid API key" });
    await other.close();
  });
});

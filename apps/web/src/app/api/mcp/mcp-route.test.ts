/**
 * /api/mcp through the real route handler and a real database, driven by the MCP SDK's
 * own Client over its Streamable HTTP transport (its fetch handed to the handler): a
 * read key lists the tools, gets a failed run's diagnosis (the same onset the JSON API
 * names) and a diff against a good run; no key, a session cookie, a key without the
 * read scope and another project's key are refused as the JSON API refuses them.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createApiKey, createUser, ensureProject, openSession, SpanIngest } from "@onset/db";
import type { NormalizedSpan } from "@onset/otlp";
import { makeSpan } from "@onset/db/test-support";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { call, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import * as analysisRoute from "../v1/runs/[traceId]/analysis/route";
import * as mcpRoute from "./route";

const GOOD = "1".repeat(32);
const FAILED = "2".repeat(32);
const ORIGIN = "http://localhost:3000";
const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);

/**
 * A support agent looking up an order; in the failed run the lookup errors and the
 * agent cancels the order instead of retrying:
 *
 *   invoke_agent helper |=============================| ok / error
 *   chat                  |=| → lookup_order
 *   lookup_order              |=| ok / error "timeout"
 *   chat                          |=| answer / → cancel_order
 *   cancel_order (failed run)         |=| ok
 */
function run(traceId: string, failed: boolean): NormalizedSpan[] {
  const id = (n: number) => `${traceId.slice(0, 12)}${String(n).padStart(4, "0")}`;
  const root = id(1);
  const llm = (n: number, at: number, output: NormalizedSpan["output"]) =>
    makeSpan({ traceId, spanId: id(n), parentSpanId: root, name: "chat gpt-4o-mini", type: "llm", model: "gpt-4o-mini", agentName: "helper", startTimeMs: t0 + at, endTimeMs: t0 + at + 80, output });
  const tool = (n: number, at: number, name: string, result: string, error: boolean) =>
    makeSpan({
      traceId,
      spanId: id(n),
      parentSpanId: root,
      name: `execute_tool ${name}`,
      type: "tool",
      agentName: "helper",
      statusCode: error ? "error" : "ok",
      statusMessage: error ? result : null,
      error: error ? { type: "TimeoutError", message: result, stacktrace: null } : null,
      startTimeMs: t0 + at,
      endTimeMs: t0 + at + 50,
      tool: { name, callId: `c${n}`, arguments: '{"id":"A17"}', result },
    });
  const call = (name: string, n: number) => ({ kind: "messages" as const, messages: [{ role: "assistant" as const, content: "", toolCalls: [{ id: `c${n}`, name, arguments: '{"id":"A17"}' }] }] });
  const spans = [
    makeSpan({ traceId, spanId: root, name: "invoke_agent helper", type: "agent", agentName: "helper", statusCode: failed ? "error" : "ok", startTimeMs: t0, endTimeMs: t0 + 1000, attributes: { "onset.task": "order-status" } }),
    llm(2, 10, call("lookup_order", 3)),
    tool(3, 100, "lookup_order", failed ? "timeout after 30s" : '{"status":"shipped"}', failed),
  ];
  if (failed) spans.push(llm(4, 200, call("cancel_order", 5)), tool(5, 300, "cancel_order", '{"cancelled":true}', false));
  else spans.push(llm(4, 200, { kind: "messages", messages: [{ role: "assistant", content: "Your order shipped." }] }));
  return spans;
}

/** An MCP client talking to the route handler with these headers. */
async function connect(headers: Record<string, string>): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${ORIGIN}/api/mcp`), {
    requestInit: { headers },
    fetch: (url, init) => {
      const method = init?.method ?? "GET";
      if (method !== "POST") return Promise.resolve(mcpRoute[method as "GET" | "DELETE"]());
      return mcpRoute.POST(new NextRequest(url, { method, headers: init?.headers, body: init?.body as string | undefined }));
    },
  });
  const client = new Client({ name: "route-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const bodyOf = (r: CallToolResult) => {
  const text = r.content[0]?.type === "text" ? r.content[0].text : "";
  return r.isError ? text : JSON.parse(text);
};

describe("/api/mcp", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let readKey: string, ingestKey: string, otherKey: string, session: string;

  beforeAll(async () => {
    server = await useTestServer();
    const { prisma, pool } = serverContext();
    const owner = await createUser(prisma, "owner@onset.local", "password-123");
    session = (await openSession(prisma, owner.id)).token;
    const a = (await ensureProject(prisma, "team-a", "Team A", { ownerId: owner.id })).project.id;
    const b = (await ensureProject(prisma, "team-b", "Team B", { ownerId: owner.id })).project.id;
    readKey = (await createApiKey(prisma, a, { name: "assistant", scopes: ["read"] })).secret;
    ingestKey = (await createApiKey(prisma, a, { name: "exporter", scopes: ["ingest"] })).secret;
    otherKey = (await createApiKey(prisma, b, { name: "elsewhere", scopes: ["read"] })).secret;
    const ingest = new SpanIngest(pool);
    await ingest.start();
    await ingest.write(a, [...run(GOOD, false), ...run(FAILED, true)]);
    await ingest.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("serves the tools to a read key: a failed run's diagnosis, a diff and the run list", async () => {
    const client = await connect({ authorization: `Bearer ${readKey}` });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["compare_runs", "get_diagnosis", "get_run", "get_span", "list_runs"]);

      const api = await call(analysisRoute.GET as Handler, { key: readKey }, "GET", `/v1/runs/${FAILED}/analysis`, { params: { traceId: FAILED } });
      expect(api.status).toBe(200);
      const diagnosis = bodyOf((await client.callTool({ name: "get_diagnosis", arguments: { traceId: FAILED } })) as CallToolResult);
      expect(diagnosis.run).toMatchObject({ traceId: FAILED, status: "error" });
      expect(diagnosis.outcome.status).toBe("failed");
      expect(diagnosis.onset).not.toBeNull();
      expect(diagnosis.onset.spanId).toBe(api.body.onset.spanId);
      expect(diagnosis.chain).toHaveLength(api.body.chain.length);

      const diff = bodyOf((await client.callTool({ name: "compare_runs", arguments: { a: GOOD, b: FAILED } })) as CallToolResult);
      expect([diff.a.traceId, diff.b.traceId]).toEqual([GOOD, FAILED]);
      expect(diff.firstDivergence).not.toBeNull();
      expect(diff.differingSteps).toBeGreaterThan(0);
      expect(typeof diff.classification).toBe("string");

      const list = bodyOf((await client.callTool({ name: "list_runs", arguments: { status: "error" } })) as CallToolResult);
      expect(list.runs.map((r: { traceId: string }) => r.traceId)).toEqual([FAILED]);

      const tool = bodyOf((await client.callTool({ name: "get_span", arguments: { traceId: FAILED, spanId: `${FAILED.slice(0, 12)}0003` } })) as CallToolResult);
      expect(tool).toMatchObject({ toolName: "lookup_order", status: "error" });
      expect(tool.content.tool).toContain("timeout after 30s");
    } finally {
      await client.close();
    }
  });

  it("answers another project's key as if the run did not exist", async () => {
    const client = await connect({ authorization: `Bearer ${otherKey}` });
    try {
      const r = (await client.callTool({ name: "get_diagnosis", arguments: { traceId: FAILED } })) as CallToolResult;
      expect(r.isError).toBe(true);
      expect(bodyOf(r)).toMatch(/^Onset API error 404 not_found: /);
    } finally {
      await client.close();
    }
  });

  const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } };
  const post = (headers: Record<string, string>) =>
    mcpRoute.POST(
      new NextRequest(`${ORIGIN}/api/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body: JSON.stringify(initialize),
      }),
    );

  it("refuses a request without a key, and a session cookie (keys only)", async () => {
    for (const headers of [{} as Record<string, string>, { cookie: `onset_session=${session}`, origin: ORIGIN, "sec-fetch-site": "same-origin" }]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    const wrong = await post({ authorization: "Bearer onset_sk_not_a_key" });
    expect(wrong.status).toBe(401);
  });

  it("answers GET and DELETE with 405: it is stateless and streams nothing unasked", async () => {
    for (const res of [mcpRoute.GET(), mcpRoute.DELETE()]) {
      expect([res.status, res.headers.get("allow")]).toEqual([405, "POST"]);
    }
  });

  it("refuses a key without the read scope, as the JSON API does", async () => {
    const res = await post({ authorization: `Bearer ${ingestKey}` });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "missing_scope" });
  });
});

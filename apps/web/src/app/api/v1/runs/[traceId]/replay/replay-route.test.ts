/**
 * GET /api/v1/runs/{traceId}/replay through the real route handler and a real database:
 * a viewer and a read-only key get the bundle of a failed run (the conversation cut just
 * before the onset step's decision, valid OpenAI chat input, a diagnosis message); with
 * ?download=1 it comes as an attachment; a run with no onset answers 409; another
 * project's key 404; a bad query 400; nobody 401. And the examples' failure demo, sent by
 * the real OTLP exporter to a local receiver and decoded as the collector decodes it:
 * its bundle ends just before the demo's known onset decision.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runScenario, type FailureExpectations } from "@onset/examples";
import { decodeTraceRequestJson } from "@onset/otlp";
import { createApiKey, createUser, ensureProject, grantMembership, openSession, SpanIngest, type Prisma } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import * as replayRoute from "./route";

const GET = replayRoute.GET as unknown as Handler;
const FAILED = "8".repeat(32);
const OK = "9".repeat(32);
const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);
const ROOT = "a000000000000001";
const FAIL = "FAILED tests/test_calc.py::test_add - AssertionError\nsrc/calc.py:3: in add\n1 failed, 4 passed";

/** One decision calling one tool, `k` steps into the run. */
function step(traceId: string, k: number, text: string, tool: { name: string; args: unknown; result: string; exit?: number } | null): NormalizedSpan[] {
  const llmId = `b00000000000000${k}`;
  const callId = `call_${k}`;
  const start = t0 + 100 * k;
  const spans = [
    makeSpan({
      traceId,
      spanId: llmId,
      parentSpanId: ROOT,
      name: "chat gpt-4o",
      type: "llm",
      model: "gpt-4o",
      agentName: "coder",
      startTimeMs: start,
      endTimeMs: start + 40,
      input: k === 1 ? { kind: "messages", messages: [{ role: "system", content: "You are a coding agent." }, { role: "user", content: "Fix test_add." }] } : null,
      output: {
        kind: "messages",
        messages: [{ role: "assistant", content: text, ...(tool ? { toolCalls: [{ id: callId, name: tool.name, arguments: JSON.stringify(tool.args) }] } : {}) }],
      },
      attributes: k === 1 ? { "gen_ai.request.temperature": 0 } : {},
    }),
  ];
  if (tool) {
    spans.push(
      makeSpan({
        traceId,
        spanId: `c00000000000000${k}`,
        parentSpanId: ROOT,
        name: `execute_tool ${tool.name}`,
        type: "tool",
        agentName: "coder",
        statusCode: tool.exit ? "error" : "ok",
        startTimeMs: start + 50,
        endTimeMs: start + 90,
        tool: { name: tool.name, callId, arguments: JSON.stringify(tool.args), result: tool.result },
        attributes: tool.exit === undefined ? {} : { "process.exit.code": tool.exit },
      }),
    );
  }
  return spans;
}

/**
 * A failed coding run whose onset is the edit (step 3, b000000000000003) a later test run names:
 *
 *   invoke_agent coder |===========================================| error
 *   1 chat → bash pytest -q          5 passed
 *   2 chat → bash cat src/calc.py
 *   3 chat → str_replace_editor  a + b → a - b      <- onset
 *   4 chat → bash pytest -q          FAILED src/calc.py
 *   5 chat "Done."
 */
function failedRun(): NormalizedSpan[] {
  return [
    makeSpan({ traceId: FAILED, spanId: ROOT, name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "error", startTimeMs: t0, endTimeMs: t0 + 1000 }),
    ...step(FAILED, 1, "Run the tests first.", { name: "bash", args: { command: "pytest -q" }, result: "5 passed", exit: 0 }),
    ...step(FAILED, 2, "", { name: "bash", args: { command: "cat src/calc.py" }, result: "def add(a, b): return a + b", exit: 0 }),
    ...step(FAILED, 3, "Change the operator.", { name: "str_replace_editor", args: { command: "str_replace", path: "src/calc.py", old_str: "return a + b", new_str: "return a - b" }, result: "edited" }),
    ...step(FAILED, 4, "", { name: "bash", args: { command: "pytest -q" }, result: FAIL, exit: 1 }),
    ...step(FAILED, 5, "Done.", null),
  ];
}

/** A run that ended ok: no onset. */
function okRun(): NormalizedSpan[] {
  return [
    makeSpan({ traceId: OK, spanId: ROOT, name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "ok", startTimeMs: t0, endTimeMs: t0 + 1000 }),
    ...step(OK, 1, "Run the tests.", { name: "bash", args: { command: "pytest -q" }, result: "5 passed", exit: 0 }),
    ...step(OK, 2, "All tests pass.", null),
  ];
}

describe("GET /api/v1/runs/{traceId}/replay", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let prisma: Prisma;
  let viewer: Caller, readKey: Caller, otherKey: Caller;
  let projectA: string;

  beforeAll(async () => {
    server = await useTestServer();
    prisma = serverContext().prisma;
    const owner = await createUser(prisma, "owner@onset.local", "password-123");
    const a = (await ensureProject(prisma, "team-a", "Team A", { ownerId: owner.id })).project.id;
    projectA = a;
    const b = (await ensureProject(prisma, "team-b", "Team B", { ownerId: owner.id })).project.id;
    const v = await createUser(prisma, "viewer@onset.local", "password-123");
    await grantMembership(prisma, a, v.id, "viewer");
    viewer = { session: (await openSession(prisma, v.id)).token };
    readKey = { key: (await createApiKey(prisma, a, { name: "reader", scopes: ["read"] })).secret };
    otherKey = { key: (await createApiKey(prisma, b, { name: "elsewhere", scopes: ["read"] })).secret };
    const ingest = new SpanIngest(serverContext().pool);
    await ingest.start();
    await ingest.write(a, [...failedRun(), ...okRun()]);
    await ingest.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("gives a viewer the conversation up to the onset step, valid OpenAI chat input, with the diagnosis to inject", async () => {
    const res = await call(GET, viewer, "GET", `/v1/runs/${FAILED}/replay`, { params: { traceId: FAILED } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const bundle = res.body;
    expect(bundle).toMatchObject({ version: "replay/1", traceId: FAILED, model: "gpt-4o", parameters: { temperature: 0 }, messagesSource: "rebuilt" });
    expect(bundle.onset).toMatchObject({ stepId: "b000000000000003", agentName: "coder" });
    expect(bundle.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "tool"]);
    expect(bundle.messages[3]).toEqual({ role: "tool", tool_call_id: "call_1", content: "5 passed" });
    expect(bundle.messages[5]).toEqual({ role: "tool", tool_call_id: "call_2", content: "def add(a, b): return a + b" });
    expect(JSON.stringify(bundle.messages)).not.toContain("Change the operator");
    expect(bundle.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["bash", "str_replace_editor"]);
    expect(bundle.diagnosis.message.role).toBe("user");
    expect(bundle.diagnosis.evidence.map((e: { kind: string }) => e.kind)).toContain("verification-regression");
    expect(bundle.diagnosis.message.content).toContain(bundle.diagnosis.evidence[0].text);
  });

  it("sends it as an attachment to a read-only key with ?download=1", async () => {
    const res = await call(GET, readKey, "GET", `/v1/runs/${FAILED}/replay?download=1`, { params: { traceId: FAILED } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="replay-${FAILED}.json"`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.onset.stepId).toBe("b000000000000003");
  });

  it("answers 409 for a run with no onset", async () => {
    const res = await call(GET, readKey, "GET", `/v1/runs/${OK}/replay`, { params: { traceId: OK } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "no_onset", message: "this run has no onset to replay from" });
  });

  it("answers 404 to another project's key, 400 to a bad query and 401 to nobody", async () => {
    expect((await call(GET, otherKey, "GET", `/v1/runs/${FAILED}/replay`, { params: { traceId: FAILED } })).status).toBe(404);
    expect((await call(GET, readKey, "GET", `/v1/runs/${FAILED}/replay?download=yes`, { params: { traceId: FAILED } })).status).toBe(400);
    expect((await call(GET, null, "GET", `/v1/runs/${FAILED}/replay`, { params: { traceId: FAILED } })).status).toBe(401);
  });

  it("cuts the examples' failure demo (real OTLP exporter) just before its onset decision, as valid chat input", async () => {
    // A local OTLP/HTTP JSON receiver decoding what the real exporter sends.
    const received: NormalizedSpan[] = [];
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push(...decodeTraceRequestJson(Buffer.concat(chunks).toString("utf8")).spans);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const run = await runScenario("failure", { endpoint: `http://127.0.0.1:${port}`, protocol: "http/json" });
      const e = run.expectations as FailureExpectations;
      const traceId = e.onset.traceId;
      const ingest = new SpanIngest(serverContext().pool);
      await ingest.start();
      await ingest.write(projectA, received);
      await ingest.close();

      const res = await call(GET, readKey, "GET", `/v1/runs/${traceId}/replay`, { params: { traceId } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const bundle = res.body;
      expect(bundle.onset).toMatchObject({ stepId: e.onset.chatSpanId, agentName: e.onset.agent });
      const messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: { id: string; function: { arguments: string } }[] }[] = bundle.messages;
      expect(messages.length).toBeGreaterThan(2);
      // OpenAI's rules: each tool message answers an open call of the latest assistant message; all calls answered.
      let open: string[] = [];
      for (const m of messages) {
        if (m.role === "tool") {
          expect(open).toContain(m.tool_call_id);
          open = open.filter((id) => id !== m.tool_call_id);
        } else {
          expect(open).toEqual([]);
          open = (m.tool_calls ?? []).map((c) => c.id);
        }
      }
      expect(open).toEqual([]);
      // Nothing of the onset decision: its call id and its arguments appear nowhere.
      const text = JSON.stringify(messages);
      expect(text).not.toContain(e.onset.toolCallId);
      expect(text).not.toContain(JSON.parse(e.onset.arguments).new_string);
      expect(bundle.tools.map((t: { function: { name: string } }) => t.function.name)).toContain(e.onset.toolName);
      expect(bundle.diagnosis.message.content).toContain(bundle.diagnosis.evidence[0].text);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

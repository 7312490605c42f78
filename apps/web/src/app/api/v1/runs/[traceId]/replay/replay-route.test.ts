/**
 * GET /api/v1/runs/{traceId}/replay through the real route handler and a real database:
 * a viewer and a read-only key get the bundle of a failed run (the conversation cut just
 * before the onset step's decision, valid OpenAI chat input, a diagnosis message); with
 * ?download=1 it comes as an attachment; a run with no onset answers 409; another
 * project's key 404; a bad query 400; nobody 401. And the examples' failure demo, sent by
 * the real OTLP exporter to a local receiver and decoded as the collector decodes it:
 * its bundle ends just before the demo's known onset decision. And GET .../replays: a
 * run carrying `onset.replay.of` is linked both ways once analyzed (or once its own links
 * are read); an id that is malformed, its own, or another project's links nothing there.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { runScenario, type FailureExpectations } from "@onset/examples";
import { decodeTraceRequestJson } from "@onset/otlp";
import { SpanIngest, type Prisma } from "@onset/db";
import { twoProjects } from "@/server/test-support/two-projects";
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { failedCodingRun, okCodingRun, ROOT } from "@/server/test-support/coding-runs";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import { getRunAnalysis } from "@onset/analysis-service";
import * as replaysRoute from "../replays/route";
import * as replayRoute from "./route";

const GET = replayRoute.GET as unknown as Handler;
const GET_REPLAYS = replaysRoute.GET as unknown as Handler;
const REPLAY = "7".repeat(32);
const ODD = "6".repeat(32);
const FAILED = "8".repeat(32);
const OK = "9".repeat(32);
const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);

describe("GET /api/v1/runs/{traceId}/replay", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let prisma: Prisma;
  let viewer: Caller, readKey: Caller, otherKey: Caller;
  let projectA: string;

  beforeAll(async () => {
    server = await useTestServer();
    prisma = serverContext().prisma;
    const access = await twoProjects(prisma);
    const a = access.projectA;
    projectA = a;
    ({ viewer, readKey, otherKey } = access);
    const ingest = new SpanIngest(serverContext().pool);
    await ingest.start();
    await ingest.write(a, [...failedCodingRun(FAILED, t0), ...okCodingRun(OK, t0)]);
    // A replay of FAILED (the root says so), and a run whose attribute names no usable run.
    await ingest.write(a, [
      makeSpan({ traceId: REPLAY, spanId: ROOT, name: "invoke_agent coder (replay)", type: "agent", agentName: "coder", startTimeMs: t0 + 5000, endTimeMs: t0 + 6000, attributes: { "onset.replay.of": FAILED.toUpperCase() } }),
      makeSpan({ traceId: ODD, spanId: ROOT, name: "odd", type: "agent", startTimeMs: t0 + 7000, endTimeMs: t0 + 8000, attributes: { "onset.replay.of": "<script>" } }),
    ]);
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

  it("links a replay both ways: the original lists it once the replay is analyzed, the replay names its original", async () => {
    const before = await call(GET_REPLAYS, viewer, "GET", `/v1/runs/${FAILED}/replays`, { params: { traceId: FAILED } });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toEqual({ replayOf: null, replays: [] });
    await getRunAnalysis(serverContext().pool, projectA, REPLAY);
    const original = await call(GET_REPLAYS, viewer, "GET", `/v1/runs/${FAILED}/replays`, { params: { traceId: FAILED } });
    expect(original.body.replays).toEqual([{ traceId: REPLAY, name: "invoke_agent coder (replay)", status: "ok", startTime: new Date(t0 + 5000).toISOString(), costUsd: 0 }]);
    const replay = await call(GET_REPLAYS, readKey, "GET", `/v1/runs/${REPLAY}/replays`, { params: { traceId: REPLAY } });
    expect(replay.body.replayOf).toMatchObject({ traceId: FAILED, run: { traceId: FAILED, name: "invoke_agent coder", status: "error" } });
    expect(replay.body.replays).toEqual([]);
  });

  it("links nothing for a malformed id, and 404s another project's run", async () => {
    const odd = await call(GET_REPLAYS, readKey, "GET", `/v1/runs/${ODD}/replays`, { params: { traceId: ODD } });
    expect(odd.body).toEqual({ replayOf: null, replays: [] });
    expect((await call(GET_REPLAYS, otherKey, "GET", `/v1/runs/${REPLAY}/replays`, { params: { traceId: REPLAY } })).status).toBe(404);
    expect((await call(GET_REPLAYS, null, "GET", `/v1/runs/${REPLAY}/replays`, { params: { traceId: REPLAY } })).status).toBe(401);
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

/**
 * The verdict endpoints through the real route handlers and a real database: a member
 * marks a run failed and the analysis (there and at GET /analysis) follows with source
 * "user"; a key needs write rights and is named as the giver; a viewer and a read-only
 * key are refused; another project's caller gets 404; bodies are strict; DELETE brings
 * the run's own outcome back.
 */
import { SpanIngest, type Prisma } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import { projectKey, signedInMember, twoProjects } from "@/server/test-support/two-projects";
import * as analysisRoute from "../analysis/route";
import * as verdictRoute from "./route";

const h = (f: unknown) => f as Handler;
const TRACE = "7".repeat(32);
const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);

/**
 * A run whose root span ended ok (so: succeeded, from the instrumentation):
 *
 *   invoke_agent helper |==========================| ok
 *   chat gpt-4o-mini      |==| → lookup_order
 *   lookup_order              |=| ok
 *   chat gpt-4o-mini              |==| "Your order shipped."
 */
function okRun() {
  const root = "a000000000000001";
  return [
    makeSpan({ traceId: TRACE, spanId: root, name: "invoke_agent helper", type: "agent", agentName: "helper", statusCode: "ok", startTimeMs: t0, endTimeMs: t0 + 1000 }),
    makeSpan({
      traceId: TRACE,
      spanId: "b000000000000001",
      parentSpanId: root,
      name: "chat gpt-4o-mini",
      type: "llm",
      model: "gpt-4o-mini",
      startTimeMs: t0 + 10,
      endTimeMs: t0 + 90,
      output: { kind: "messages", messages: [{ role: "assistant", content: "", toolCalls: [{ id: "c1", name: "lookup_order", arguments: '{"id":"A17"}' }] }] },
    }),
    makeSpan({
      traceId: TRACE,
      spanId: "c000000000000001",
      parentSpanId: root,
      name: "execute_tool lookup_order",
      type: "tool",
      statusCode: "ok",
      startTimeMs: t0 + 100,
      endTimeMs: t0 + 150,
      tool: { name: "lookup_order", callId: "c1", arguments: '{"id":"A17"}', result: '{"status":"shipped"}' },
    }),
    makeSpan({
      traceId: TRACE,
      spanId: "b000000000000002",
      parentSpanId: root,
      name: "chat gpt-4o-mini",
      type: "llm",
      model: "gpt-4o-mini",
      startTimeMs: t0 + 200,
      endTimeMs: t0 + 280,
      output: { kind: "messages", messages: [{ role: "assistant", content: "Your order shipped." }] },
    }),
  ];
}

describe("POST/GET/DELETE /api/v1/runs/{traceId}/verdict", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let prisma: Prisma;
  let member: Caller, viewer: Caller, outsider: Caller;
  let readKey: Caller, writeKey: Caller, otherKey: Caller;
  const path = `/v1/runs/${TRACE}/verdict`;
  const params = { traceId: TRACE };

  beforeAll(async () => {
    server = await useTestServer();
    prisma = serverContext().prisma;
    const p = await twoProjects(prisma);
    ({ viewer, readKey } = p);
    member = await signedInMember(prisma, p.projectA, "member@onset.local", "member");
    outsider = await signedInMember(prisma, p.projectB, "outsider@onset.local", "owner");
    writeKey = await projectKey(prisma, p.projectA, "ci-grader", ["read", "admin"]);
    otherKey = await projectKey(prisma, p.projectB, "elsewhere-admin", ["read", "admin"]);
    const ingest = new SpanIngest(serverContext().pool);
    await ingest.start();
    await ingest.write(p.projectA, okRun());
    await ingest.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers the run's own outcome and no verdict before anyone gives one", async () => {
    const res = await call(h(verdictRoute.GET), member, "GET", path, { params });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verdict: null, outcome: { status: "succeeded" }, outcomeSource: "instrumentation", onsetSpanId: null });
  });

  it("stores a member's verdict with who and when, re-analyzes, and the analysis endpoint shows it", async () => {
    const before = Date.now();
    const res = await call(h(verdictRoute.POST), member, "POST", path, { params, body: { outcome: "failed", note: "the order never shipped" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.verdict).toMatchObject({ outcome: "failed", note: "the order never shipped", givenBy: { kind: "user", name: "member@onset.local" } });
    expect(Date.parse(res.body.verdict.givenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.outcome).toMatchObject({ status: "failed", source: "option" });
    expect(res.body.outcomeSource).toBe("user");
    expect(res.body.onsetSpanId).not.toBeNull(); // told it failed, the analyzer localizes an onset

    const analysis = await call(h(analysisRoute.GET), viewer, "GET", `/v1/runs/${TRACE}/analysis`, { params });
    expect(analysis.status).toBe(200);
    expect([analysis.body.cached, analysis.body.outcome.status, analysis.body.outcomeSource, analysis.body.verdict.givenBy.name]).toEqual([
      true, // recomputed by the POST, so this read is a cache hit
      "failed",
      "user",
      "member@onset.local",
    ]);
    expect(analysis.body.onset?.spanId).toBe(res.body.onsetSpanId);
  });

  it("needs write rights: a viewer and a read-only key may read but not give or take back", async () => {
    expect((await call(h(verdictRoute.GET), viewer, "GET", path, { params })).status).toBe(200);
    expect((await call(h(verdictRoute.GET), readKey, "GET", path, { params })).status).toBe(200);
    expect((await call(h(verdictRoute.POST), viewer, "POST", path, { params, body: { outcome: "succeeded" } })).status).toBe(403);
    expect((await call(h(verdictRoute.POST), readKey, "POST", path, { params, body: { outcome: "succeeded" } })).status).toBe(403);
    expect((await call(h(verdictRoute.DELETE), viewer, "DELETE", path, { params })).status).toBe(403);
    const still = await call(h(verdictRoute.GET), member, "GET", path, { params });
    expect(still.body.verdict.outcome).toBe("failed");
  });

  it("lets a key with write rights replace the verdict, naming the key", async () => {
    const res = await call(h(verdictRoute.POST), writeKey, "POST", path, { params, body: { outcome: "succeeded" } });
    expect(res.status).toBe(200);
    expect(res.body.verdict).toMatchObject({ outcome: "succeeded", note: null, givenBy: { kind: "api_key", name: "ci-grader" } });
    expect([res.body.outcome.status, res.body.outcomeSource, res.body.onsetSpanId]).toEqual(["succeeded", "user", null]);
  });

  it("answers 404 to another project's session and key, and for an unknown run; 400 for a bad id", async () => {
    for (const caller of [outsider, otherKey]) {
      expect((await call(h(verdictRoute.GET), caller, "GET", path, { params })).status).toBe(404);
      expect((await call(h(verdictRoute.POST), caller, "POST", path, { params, body: { outcome: "failed" } })).status).toBe(404);
      expect((await call(h(verdictRoute.DELETE), caller, "DELETE", path, { params })).status).toBe(404);
    }
    const unknown = { traceId: "f".repeat(32) };
    expect((await call(h(verdictRoute.POST), member, "POST", `/v1/runs/${unknown.traceId}/verdict`, { params: unknown, body: { outcome: "failed" } })).status).toBe(404);
    expect((await call(h(verdictRoute.GET), member, "GET", "/v1/runs/nope/verdict", { params: { traceId: "nope" } })).status).toBe(400);
  });

  it.each([
    ["an unknown outcome", { outcome: "maybe" }],
    ["no outcome", { note: "why" }],
    ["an unknown field", { outcome: "failed", by: "someone else" }],
    ["a note over 2000 characters", { outcome: "failed", note: "x".repeat(2001) }],
    ["a note that is not text", { outcome: "failed", note: 42 }],
    ["no JSON object", ["failed"]],
  ])("refuses %s with 400 and keeps the verdict", async (_why, body) => {
    const res = await call(h(verdictRoute.POST), member, "POST", path, { params, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect((await call(h(verdictRoute.GET), member, "GET", path, { params })).body.verdict.outcome).toBe("succeeded");
  });

  it("takes the verdict back with DELETE: the run's own outcome returns; a second DELETE is a no-op", async () => {
    const res = await call(h(verdictRoute.DELETE), member, "DELETE", path, { params });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verdict: null, outcome: { status: "succeeded", source: "status" }, outcomeSource: "instrumentation" });
    const again = await call(h(verdictRoute.DELETE), writeKey, "DELETE", path, { params });
    expect([again.status, again.body.verdict]).toEqual([200, null]);
    const analysis = await call(h(analysisRoute.GET), member, "GET", `/v1/runs/${TRACE}/analysis`, { params });
    expect([analysis.body.verdict, analysis.body.outcomeSource]).toEqual([null, "instrumentation"]);
  });
});

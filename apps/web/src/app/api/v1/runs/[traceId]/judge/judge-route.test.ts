/**
 * The LLM judge through the real route handlers, a real database and a local fake
 * OpenAI-compatible endpoint (issue 18): an admin sets the judge up (the key sealed at
 * rest, never returned; refused without ONSET_SECRET_KEY); a member asks the judge about
 * a failed run and gets its pick, category, rationale, tokens and cost; a timeout and a
 * malformed reply come back as "failed" reports saying why; viewers read but cannot ask
 * or change settings; another project's key sees nothing; a judge that is off answers 409.
 */
import { randomBytes } from "node:crypto";
import { startFakeChatEndpoint, type FakeChatEndpoint } from "@onset/examples";
import { SpanIngest } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import { projectKey, signedInMember, twoProjects } from "@/server/test-support/two-projects";
import * as settingsRoute from "../../../settings/judge/route";
import * as judgeRoute from "./route";

const GET = judgeRoute.GET as unknown as Handler;
const POST = judgeRoute.POST as unknown as Handler;
const GET_SETTINGS = settingsRoute.GET as unknown as Handler;
const PATCH_SETTINGS = settingsRoute.PATCH as unknown as Handler;
const RUN = "7".repeat(32);
const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);
const ROOT = "a000000000000001";
const PICK = JSON.stringify({ onset_step: 0, ranking: [0, 2], category: "wrong-edit", explanation: "Flipping + to - broke test_add." });

/**
 * A failed run, the deterministic onset on the final answer (step 2), the real culprit the edit (step 0):
 *   invoke_agent coder |===============================| error
 *   0 chat → edit calc.py  a+b → a-b
 *   1 chat → run_tests     FAILED (exit 1)
 *   2 chat "Done."
 */
function failedRun(): NormalizedSpan[] {
  const spans: NormalizedSpan[] = [
    makeSpan({ traceId: RUN, spanId: ROOT, name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "error", startTimeMs: t0, endTimeMs: t0 + 1000 }),
  ];
  const calls: [string, string, string, number][] = [
    ["edit_file", '{"path":"calc.py","old":"a+b","new":"a-b"}', "edited calc.py", 0],
    ["run_tests", "{}", "FAILED tests/test_calc.py::test_add\n1 failed", 1],
  ];
  calls.forEach(([tool, args, result, exit], k) => {
    const at = t0 + 10 + 200 * k;
    spans.push(
      makeSpan({
        traceId: RUN,
        spanId: `b00000000000000${k}`,
        parentSpanId: ROOT,
        name: "chat gpt-4o",
        type: "llm",
        model: "gpt-4o",
        agentName: "coder",
        startTimeMs: at,
        endTimeMs: at + 80,
        input: k === 0 ? { kind: "messages", messages: [{ role: "user", content: "Fix the failing test_add." }] } : null,
        output: { kind: "messages", messages: [{ role: "assistant", content: "", toolCalls: [{ id: `call_${k}`, name: tool, arguments: args }] }] },
      }),
      makeSpan({
        traceId: RUN,
        spanId: `c00000000000000${k}`,
        parentSpanId: ROOT,
        name: `execute_tool ${tool}`,
        type: "tool",
        agentName: "coder",
        statusCode: exit === 0 ? "ok" : "error",
        startTimeMs: at + 90,
        endTimeMs: at + 150,
        tool: { name: tool, callId: `call_${k}`, arguments: args, result },
        attributes: { "process.exit.code": exit },
      }),
    );
  });
  spans.push(
    makeSpan({ traceId: RUN, spanId: "b000000000000009", parentSpanId: ROOT, name: "chat gpt-4o", type: "llm", model: "gpt-4o", agentName: "coder", startTimeMs: t0 + 500, endTimeMs: t0 + 580, output: { kind: "messages", messages: [{ role: "assistant", content: "Done." }] } }),
  );
  return spans;
}

describe("the LLM judge API", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let endpoint: FakeChatEndpoint;
  let admin: Caller, member: Caller, viewer: Caller, otherKey: Caller;
  const secretKey = randomBytes(32).toString("hex");

  beforeAll(async () => {
    process.env.ONSET_SECRET_KEY = secretKey;
    server = await useTestServer();
    endpoint = await startFakeChatEndpoint({ content: PICK, usage: { prompt_tokens: 2000, completion_tokens: 100 } });
    const prisma = serverContext().prisma;
    const p = await twoProjects(prisma);
    ({ owner: admin, viewer } = p);
    member = await signedInMember(prisma, p.projectA, "member@onset.local", "member");
    otherKey = await projectKey(prisma, p.projectB, "elsewhere-admin", ["read", "admin"]);
    const ingest = new SpanIngest(serverContext().pool);
    await ingest.start();
    await ingest.write(p.projectA, failedRun());
    await ingest.close();
  });
  afterAll(async () => {
    delete process.env.ONSET_SECRET_KEY;
    await endpoint?.close();
    await server?.close();
  });

  const ask = (who: Caller) => call(POST, who, "POST", `/v1/runs/${RUN}/judge`, { params: { traceId: RUN } });
  const patch = (who: Caller, body: unknown) => call(PATCH_SETTINGS, who, "PATCH", "/v1/settings/judge", { body });

  it("is off by default: GET says so, POST answers 409", async () => {
    const got = await call(GET, viewer, "GET", `/v1/runs/${RUN}/judge`, { params: { traceId: RUN } });
    expect(got.body).toEqual({ judgement: null, mode: "off" });
    const res = await ask(member);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("judge_off");
  });

  it("lets an admin set it up; the key is never returned, and cannot be stored without ONSET_SECRET_KEY", async () => {
    expect((await patch(admin, { mode: "on_demand" })).body.error.code).toBe("judge_incomplete");
    expect((await patch(viewer, { model: "x" })).status).toBe(403);
    expect((await patch(admin, { baseUrl: "file:///etc/passwd" })).status).toBe(400);
    delete process.env.ONSET_SECRET_KEY;
    const refused = await patch(admin, { apiKey: "sk-judge-secret" });
    process.env.ONSET_SECRET_KEY = secretKey;
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "secret_key_missing" });
    expect(refused.body.error.message).toContain("ONSET_SECRET_KEY is not set");

    const res = await patch(admin, { mode: "on_demand", baseUrl: endpoint.baseUrl, model: "judge-1", apiKey: "sk-judge-secret", inputUsdPerMTok: 3, outputUsdPerMTok: 15, timeoutMs: 1500 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ judge: { mode: "on_demand", model: "judge-1", hasApiKey: true, inputUsdPerMTok: 3 }, secretKeyConfigured: true });
    const read = await call(GET_SETTINGS, viewer, "GET", "/v1/settings/judge");
    expect(JSON.stringify(read.body)).not.toContain("sk-judge-secret");
    expect(JSON.stringify(res.body)).not.toContain("sk-judge-secret");
  });

  it("runs on demand for a member: the judge's pick, category, rationale, tokens and cost beside the deterministic onset", async () => {
    expect((await ask(viewer)).status).toBe(403);
    const res = await ask(member);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(endpoint.requests.at(-1)!.authorization).toBe("Bearer sk-judge-secret");
    expect(endpoint.requests.at(-1)!.body.messages![1]!.content).toContain("Fix the failing test_add.");
    const report = res.body.judgement.report;
    expect(report).toMatchObject({
      status: "applied",
      model: "judge-1",
      category: "wrong-edit",
      explanation: "Flipping + to - broke test_add.",
      pick: { stepId: "b000000000000000", stepIndex: 0, agentName: "coder" },
      deterministicStepId: "b000000000000009",
      promptTokens: 2000,
      completionTokens: 100,
    });
    expect(report.costUsd).toBeCloseTo((2000 * 3 + 100 * 15) / 1e6, 12);
    const got = await call(GET, viewer, "GET", `/v1/runs/${RUN}/judge`, { params: { traceId: RUN } });
    expect(got.body).toEqual(res.body);
  });

  // Each row: what the fake endpoint does, what the stored note says.
  const BAD: [string, Parameters<FakeChatEndpoint["respond"]>[0], RegExp][] = [
    ["times out", { hang: true }, /judge timed out after 1500 ms; deterministic onset kept/],
    ["replies with prose", { content: "It is hard to say which step it was." }, /no JSON object in the judge's reply; deterministic onset kept/],
    ["replies outside the schema", { content: '{"onset_step": -3}' }, /lacks a valid onset_step/],
  ];
  it.each(BAD)("when the endpoint %s, answers a failed report saying why", async (_what, answer, note) => {
    endpoint.respond(answer);
    const res = await ask(member);
    endpoint.respond({ content: PICK });
    expect(res.status).toBe(200);
    expect(res.body.judgement.report).toMatchObject({ status: "failed", pick: null, deterministicStepId: "b000000000000009" });
    expect(res.body.judgement.report.note).toMatch(note);
  });

  it("answers 404 to another project's key and 400 to a bad id", async () => {
    expect((await ask(otherKey)).status).toBe(404);
    expect((await call(GET, otherKey, "GET", `/v1/runs/${RUN}/judge`, { params: { traceId: RUN } })).status).toBe(404);
    expect((await call(POST, member, "POST", `/v1/runs/nope/judge`, { params: { traceId: "nope" } })).status).toBe(400);
  });
});

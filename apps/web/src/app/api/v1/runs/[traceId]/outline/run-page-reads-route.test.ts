/**
 * The run page's three reads through the real route handlers and a real database:
 * `/outline` (the span tree and facts, no content), `/diagnosis` (the analysis without
 * tree, facts and breakdown, steps trimmed to what the page reads, validated) and `/breakdown`; each gives
 * what `/analysis` gives of the same run, 404 to another project's key, 401 to nobody.
 */
import { pageStep } from "@onset/analysis-service";
import { decodeOutline, outlineGroupsOf } from "@onset/analysis-service/outline-codec";
import { createApiKey, createUser, ensureProject, SpanIngest } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiagnosisResponseSchema, outlineEndpoint } from "@/contracts/run";
import { serverContext } from "@/server/context";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import * as analysisRoute from "../analysis/route";
import * as breakdownRoute from "../breakdown/route";
import * as diagnosisRoute from "../diagnosis/route";
import * as outlineRoute from "./route";

const TRACE = "7".repeat(32);
const t0 = Date.UTC(2026, 11, 4, 3, 0, 0);
const SECRET = "def add(a, b): return a - b  # the edit that broke it";

/** A failed run: a decision, an edit whose arguments carry SECRET, a failing test run. */
function run(): NormalizedSpan[] {
  const root = makeSpan({ traceId: TRACE, spanId: "a000000000000001", name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "error", startTimeMs: t0, endTimeMs: t0 + 1000 });
  const llm = makeSpan({
    traceId: TRACE,
    spanId: "b000000000000001",
    parentSpanId: root.spanId,
    name: "chat gpt-4o",
    type: "llm",
    model: "gpt-4o",
    agentName: "coder",
    startTimeMs: t0 + 10,
    endTimeMs: t0 + 50,
    output: { kind: "messages", messages: [{ role: "assistant", content: "Change the operator.", toolCalls: [{ id: "c1", name: "edit", arguments: "{}" }] }] },
  });
  const edit = makeSpan({
    traceId: TRACE,
    spanId: "c000000000000001",
    parentSpanId: root.spanId,
    name: "execute_tool edit",
    type: "tool",
    agentName: "coder",
    startTimeMs: t0 + 60,
    endTimeMs: t0 + 90,
    tool: { name: "edit", callId: "c1", arguments: JSON.stringify({ path: "src/calc.py", content: SECRET }), result: "edited" },
  });
  const test = makeSpan({
    traceId: TRACE,
    spanId: "c000000000000002",
    parentSpanId: root.spanId,
    name: "execute_tool bash",
    type: "tool",
    agentName: "coder",
    statusCode: "error",
    startTimeMs: t0 + 100,
    endTimeMs: t0 + 200,
    tool: { name: "bash", callId: "c2", arguments: JSON.stringify({ command: "pytest -q" }), result: "1 failed" },
  });
  return [root, llm, edit, test];
}

describe("the run page's reads: /outline, /diagnosis, /breakdown", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let key: Caller, otherKey: Caller;
  const get = (route: { GET: unknown }, who: Caller | null, path: string) =>
    call(route.GET as unknown as Handler, who, "GET", `/v1/runs/${TRACE}/${path}`, { params: { traceId: TRACE } });

  beforeAll(async () => {
    server = await useTestServer();
    const prisma = serverContext().prisma;
    const owner = await createUser(prisma, "owner@onset.local", "password-123");
    const a = (await ensureProject(prisma, "team-a", "Team A", { ownerId: owner.id })).project.id;
    const b = (await ensureProject(prisma, "team-b", "Team B", { ownerId: owner.id })).project.id;
    key = { key: (await createApiKey(prisma, a, { name: "reader", scopes: ["read"] })).secret };
    otherKey = { key: (await createApiKey(prisma, b, { name: "elsewhere", scopes: ["read"] })).secret };
    const ingest = new SpanIngest(serverContext().pool);
    await ingest.start();
    await ingest.write(a, run());
    await ingest.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("each gives its part of what /analysis gives, the outline with no span content", async () => {
    // Before the analysis: built now, without grouping.
    const early = await get(outlineRoute, key, "outline");
    expect(early.status).toBe(200);
    expect(outlineEndpoint.response.safeParse(early.body).success).toBe(true);
    expect(early.body.outline).not.toHaveProperty("groups");
    // Where the server's time went, for the browser's network panel and the benchmark.
    expect(early.headers.get("server-timing")).toMatch(
      /^cache-read;dur=[\d.]+, db;dur=[\d.]+, tree;dur=[\d.]+, encode;dur=[\d.]+, handler;dur=[\d.]+, json;dur=[\d.]+, cpu;dur=[\d.]+$/,
    );
    const full = await get(analysisRoute, key, "analysis");
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    // Once analyzed: the outline stored with the analysis, sent as it is, with its grouping.
    const outline = await get(outlineRoute, key, "outline");
    expect(outline.status).toBe(200);
    expect(outlineEndpoint.response.safeParse(outline.body).success).toBe(true);
    expect(outline.headers.get("server-timing")).toMatch(/^cache-read;dur=[\d.]+, handler;dur=[\d.]+, cpu;dur=[\d.]+$/);
    for (const answer of [early, outline]) {
      // Sent in columns; decoded, it is the analysis' tree and span facts.
      const decoded = decodeOutline(answer.body.outline);
      expect(decoded.tree).toEqual(full.body.tree);
      const bySpan = (a: { spanId: string }, b: { spanId: string }) => a.spanId.localeCompare(b.spanId);
      expect([...decoded.spans].sort(bySpan)).toEqual([...full.body.spans].sort(bySpan));
      expect(answer.body.run).toMatchObject({ traceId: TRACE, spanCount: 4 });
      expect(JSON.stringify(answer.body)).not.toContain("return a - b");
    }
    expect(decodeOutline(outline.body.outline).groups).toEqual(outlineGroupsOf(full.body));

    const diagnosis = await get(diagnosisRoute, key, "diagnosis");
    expect(diagnosis.status, JSON.stringify(diagnosis.body)).toBe(200);
    for (const field of ["tree", "spans", "breakdown"]) expect(diagnosis.body).not.toHaveProperty(field);
    expect(diagnosis.body).toMatchObject({ traceId: TRACE, onset: full.body.onset, chain: full.body.chain, outcome: full.body.outcome, cached: true });
    // Served from the cache as the database trimmed it: the same answer the route builds
    // from a computed analysis, in the contract's shape.
    const { tree: _t, spans: _s, breakdown: _b, ...rest } = full.body;
    const stages = rest.stages.map(({ index, agentId, kind, backtrack }: Record<string, unknown>) => ({ index, agentId, kind, backtrack }));
    const trimmed = { ...rest, cached: true, stages, steps: rest.steps.map(pageStep) };
    expect(diagnosis.body).toEqual(trimmed);
    expect(DiagnosisResponseSchema.safeParse(diagnosis.body).success).toBe(true);
    expect(diagnosis.headers.get("server-timing")).toMatch(/^cache-read;dur=[\d.]+, summary;dur=[\d.]+, handler;dur=[\d.]+, cpu;dur=[\d.]+$/);
    // A result stored before its page part was (null `diagnosis`): Postgres trims it, same answer.
    await serverContext().pool.query(`UPDATE trace_analyses SET diagnosis = NULL WHERE trace_id = $1`, [TRACE]);
    const trimmedByPostgres = await get(diagnosisRoute, key, "diagnosis");
    expect(trimmedByPostgres.body).toEqual(trimmed);
    expect(diagnosis.body.steps.map((s: { id: string }) => s.id)).toEqual(full.body.steps.map((s: { id: string }) => s.id));
    // Each step as the page reads it: grouping and the actions' span, tool, kind, ok and
    // check; no transition, tokens, commands or paths (the edit's path is only in /analysis).
    expect(full.body.steps.some((s: { actions: { writePaths: string[] }[] }) => s.actions.some((a) => a.writePaths.includes("src/calc.py")))).toBe(true);
    expect(JSON.stringify(diagnosis.body.steps)).not.toContain("src/calc.py");
    const bash = diagnosis.body.steps.flatMap((s: { actions: unknown[] }) => s.actions).find((a: { tool: string }) => a.tool === "bash");
    expect(bash).toEqual({ spanId: "c000000000000002", tool: "bash", kind: expect.any(String), ok: false, check: expect.objectContaining({ outcome: "fail" }) });
    for (const s of diagnosis.body.steps) {
      expect(Object.keys(s).sort()).toEqual(["actions", "id", "index", "llmSpanId", "role", "spanIds", "stageIndex"]);
    }

    const breakdown = await get(breakdownRoute, key, "breakdown");
    expect(breakdown.status).toBe(200);
    expect(breakdown.body).toEqual({ breakdown: full.body.breakdown });
  });

  it("answers 404 to another project's key and 401 to nobody", async () => {
    for (const [route, path] of [
      [outlineRoute, "outline"],
      [diagnosisRoute, "diagnosis"],
      [breakdownRoute, "breakdown"],
    ] as const) {
      expect((await get(route, otherKey, path)).status, path).toBe(404);
      expect((await get(route, null, path)).status, path).toBe(401);
    }
  });
});

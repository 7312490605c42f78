/**
 * GET /api/v1/failure-modes through the real route handler and a real database: two
 * failed runs with the same onset signature and a succeeding run of their task, each
 * analyzed as the background analysis does, come back as one mode with its runs, cost,
 * days, examples (newest first) and a failing/succeeding pair for /diff; a failure in
 * another project never shows; a bad window is a 400 and nobody gets a 401.
 */
import { getRunAnalysis } from "@onset/analysis-service";
import { SpanIngest } from "@onset/db";
import { twoProjects } from "@/server/test-support/two-projects";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { failedCodingRun, okCodingRun } from "@/server/test-support/coding-runs";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import * as route from "./route";

const GET = route.GET as unknown as Handler;
const FAILED_1 = "1".repeat(32);
const FAILED_2 = "2".repeat(32);
const OK = "3".repeat(32);
const ELSEWHERE = "4".repeat(32);
// Inside the default 14-day window whenever the test runs.
const t0 = Date.now() - 3 * 3600_000;

describe("GET /api/v1/failure-modes", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let viewer: Caller, readKey: Caller, otherKey: Caller;

  beforeAll(async () => {
    server = await useTestServer();
    const { prisma, pool } = serverContext();
    const access = await twoProjects(prisma);
    const { projectA: a, projectB: b } = access;
    ({ viewer, readKey, otherKey } = access);
    const ingest = new SpanIngest(pool);
    await ingest.start();
    await ingest.write(a, [...failedCodingRun(FAILED_1, t0), ...failedCodingRun(FAILED_2, t0 + 60_000), ...okCodingRun(OK, t0 + 120_000)]);
    await ingest.write(b, failedCodingRun(ELSEWHERE, t0));
    await ingest.close();
    for (const traceId of [FAILED_1, FAILED_2, OK]) await getRunAnalysis(pool, a, traceId);
    await getRunAnalysis(pool, b, ELSEWHERE);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("groups the project's failed runs by signature, with examples and a failing/succeeding pair of the task", async () => {
    const res = await call(GET, viewer, "GET", "/v1/failure-modes");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.days).toBe(14);
    expect(res.body.modes).toHaveLength(1);
    const mode = res.body.modes[0];
    expect(mode).toMatchObject({ evidenceKind: "verification-regression", agentName: "coder", tool: "str_replace_editor", runs: 2, costUsd: 0 });
    expect(mode.examples.map((e: { traceId: string }) => e.traceId)).toEqual([FAILED_2, FAILED_1]);
    expect(mode.perDay.reduce((n: number, d: { runs: number }) => n + d.runs, 0)).toBe(2);
    expect(mode.firstSeenAt).toBe(new Date(t0).toISOString());
    expect(mode.compare).toEqual({ failing: FAILED_2, succeeding: OK, task: "Fix test_add." });
  });

  it("shows another project's key only its own failures", async () => {
    const mine = await call(GET, readKey, "GET", "/v1/failure-modes?days=1");
    expect(mine.body.modes.flatMap((m: { examples: { traceId: string }[] }) => m.examples.map((e) => e.traceId)).sort()).toEqual([FAILED_1, FAILED_2]);
    const theirs = await call(GET, otherKey, "GET", "/v1/failure-modes");
    expect(theirs.status).toBe(200);
    expect(theirs.body.modes.map((m: { examples: { traceId: string }[] }) => m.examples.map((e) => e.traceId))).toEqual([[ELSEWHERE]]);
    expect(theirs.body.modes[0].compare).toBeNull();
  });

  it("answers 400 to a bad window or limit and 401 to nobody", async () => {
    for (const q of ["days=0", "days=91", "limit=201", "days=abc", "color=red"]) {
      expect((await call(GET, readKey, "GET", `/v1/failure-modes?${q}`)).status, q).toBe(400);
    }
    expect((await call(GET, null, "GET", "/v1/failure-modes")).status).toBe(401);
  });
});

/**
 * Window aggregates over the run summaries, fed through the real ingest path: cost,
 * finished and failed runs per project, user and session; the day's cost for the
 * budget forecast; the costliest and latest failed run to link to.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { SpanIngest } from "../ingest/span-ingest";
import { makeSpan } from "../test-support/make-span";
import { aggregateAlertWindow, listAlertProjects } from "./alerts-window";
import { ensureProject } from "./projects";
import { useDatabaseFixture } from "../test-support/use-fixture";

const M = 60_000;
const now = Date.UTC(2026, 10, 20, 12, 0, 0);

/** A run: a root (absent while in flight) and one priced LLM call. */
function run(
  n: number,
  startMs: number,
  o: { costUsd: number; user?: string; session?: string; status?: "ok" | "error"; inFlight?: boolean },
): NormalizedSpan[] {
  const traceId = n.toString(16).padStart(32, "0");
  const rootId = `${n.toString(16).padStart(14, "0")}aa`;
  const who = { userId: o.user ?? null, sessionId: o.session ?? null };
  const llm = makeSpan({
    traceId, spanId: `${n.toString(16).padStart(14, "0")}bb`, parentSpanId: rootId, type: "llm", model: "m",
    startTimeMs: startMs + 10, endTimeMs: startMs + 20, costUsd: o.costUsd, costSource: "reported", ...who,
  });
  if (o.inFlight) return [llm];
  return [makeSpan({ traceId, spanId: rootId, name: `run ${n}`, type: "agent", statusCode: o.status ?? "ok", startTimeMs: startMs, endTimeMs: startMs + 30, ...who }), llm];
}

describe("alert window aggregates", () => {
  const db = useDatabaseFixture();
  let project: string;

  // Window = the last 60 min before 12:00; the day began at 00:00.
  //
  //   09:00  r1 alice  $5                       (today, outside the window)
  //   11:10  r2 alice  $3   error
  //   11:20  r3 bob    $1   session s1
  //   11:30  r4 alice  $2   session s1
  //   11:50  r5 (no user) $0.5  in flight (no root yet)
  //   other project 11:30  $100
  beforeAll(async () => {
    project = (await ensureProject(db.prisma, "w", "Window project")).project.id;
    const other = (await ensureProject(db.prisma, "o", "O")).project.id;
    const ingest = new SpanIngest(db.pool);
    await ingest.start();
    await ingest.write(project, [
      ...run(1, now - 180 * M, { costUsd: 5, user: "alice" }),
      ...run(2, now - 50 * M, { costUsd: 3, user: "alice", status: "error" }),
      ...run(3, now - 40 * M, { costUsd: 1, user: "bob", session: "s1" }),
      ...run(4, now - 30 * M, { costUsd: 2, user: "alice", session: "s1" }),
      ...run(5, now - 10 * M, { costUsd: 0.5, inFlight: true }),
    ]);
    await ingest.write(other, run(9, now - 30 * M, { costUsd: 100 }));
    await ingest.close();
  });

  const q = { windowStart: new Date(now - 60 * M), until: new Date(now), dayStart: new Date(now - 12 * 60 * M) };

  it("sums the project's window and its day, counting in-flight runs as unfinished", async () => {
    const [g] = await aggregateAlertWindow(db.pool, project, { ...q, scope: "project" });
    expect(g).toMatchObject({ key: "", costUsd: 6.5, runs: 4, finishedRuns: 3, errorRuns: 1, dayCostUsd: 11.5 });
    expect(g?.topRun).toMatchObject({ traceId: (2).toString(16).padStart(32, "0"), name: "run 2", costUsd: 3 });
    expect(g?.lastErrorRun?.traceId).toBe((2).toString(16).padStart(32, "0"));
  });

  it.each([
    { why: "per user: runs without a user are left out", scope: "user" as const, expected: [["alice", 5, 10, 2], ["bob", 1, 1, 1]] },
    { why: "per session: only runs that carry one", scope: "session" as const, expected: [["s1", 3, 3, 2]] },
  ])("$why", async ({ scope, expected }) => {
    const groups = await aggregateAlertWindow(db.pool, project, { ...q, scope });
    expect(groups.map((g) => [g.key, g.costUsd, g.dayCostUsd, g.runs])).toEqual(expected);
  });

  it("finds project names", async () => {
    expect(await listAlertProjects(db.pool, [project])).toEqual([{ id: project, slug: "w", name: "Window project" }]);
  });
});

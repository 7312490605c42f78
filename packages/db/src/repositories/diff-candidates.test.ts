/**
 * Runs offered for comparison: same task or same root name, newest first, never the run
 * itself, never another project's; baselines restricted to successful runs of the task.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { getRunSummaries, listDiffCandidates } from "./diff-candidates";

const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);

/** A one-span run: the root, with its name, task and status. */
function root(traceId: string, minute: number, name: string, task: string | null, status: "ok" | "error" = "ok"): NormalizedSpan {
  return makeSpan({
    traceId,
    spanId: traceId.slice(0, 16),
    name,
    type: "agent",
    statusCode: status,
    startTimeMs: t0 + minute * 60_000,
    endTimeMs: t0 + minute * 60_000 + 1000,
    attributes: task ? { "onset.task": task } : {},
  });
}

describe("listDiffCandidates", () => {
  const fx = useIngestFixture();

  //  minute  run  name              task      status
  //  0       me   invoke_workflow   retry     ok      <- the run we compare from
  //  1       t1   invoke_workflow   retry     ok
  //  2       t2   other-root        retry     error   (same task, other name)
  //  3       n1   invoke_workflow   (none)    ok      (same name, no task)
  //  4       x1   unrelated         discount  ok      (neither)
  //  5       t3   invoke_workflow   retry     ok      (newest)
  //  B: 6    b1   invoke_workflow   retry     ok      (other project)
  const id = (c: string) => c.repeat(32);
  const me = id("a");
  const t1 = id("b");
  const t2 = id("c");
  const n1 = id("d");
  const x1 = id("e");
  const t3 = id("f");
  const b1 = id("1");

  beforeAll(async () => {
    await fx.ingest.write(fx.projectA, [
      root(me, 0, "invoke_workflow", "retry"),
      root(t1, 1, "invoke_workflow", "retry"),
      root(t2, 2, "other-root", "retry", "error"),
      root(n1, 3, "invoke_workflow", null),
      root(x1, 4, "unrelated", "discount"),
      root(t3, 5, "invoke_workflow", "retry"),
    ]);
    await fx.ingest.write(fx.projectB, [root(b1, 6, "invoke_workflow", "retry")]);
  });

  it("offers runs of the same task or name, newest first, saying which matched", async () => {
    const got = await listDiffCandidates(fx.pool, fx.projectA, me);
    expect(got?.run.traceId).toBe(me);
    expect(got?.candidates.map((c) => [c.run.traceId, c.matchedBy])).toEqual([
      [t3, "task"],
      [n1, "name"],
      [t2, "task"],
      [t1, "task"],
    ]);
  });

  it.each([
    { why: "baselines are successful runs of the task only (a shared root name is not the same task)", q: { status: "ok" as const, sameTaskOnly: true }, want: [t3, t1] },
    { why: "the limit keeps the newest", q: { limit: 2 }, want: [t3, n1] },
    { why: "a status filter alone still accepts name matches", q: { status: "ok" as const }, want: [t3, n1, t1] },
  ])("filters: $why", async ({ q, want }) => {
    const got = await listDiffCandidates(fx.pool, fx.projectA, me, q);
    expect(got?.candidates.map((c) => c.run.traceId)).toEqual(want);
  });

  it("falls back to the root name for a run without a task, even for baselines", async () => {
    const got = await listDiffCandidates(fx.pool, fx.projectA, n1, { sameTaskOnly: true });
    expect(got?.candidates.map((c) => c.run.traceId)).toEqual([t3, t1, me]);
  });

  it("returns null for a run of another project (the API answers 404)", async () => {
    expect(await listDiffCandidates(fx.pool, fx.projectA, b1)).toBeNull();
    expect(await listDiffCandidates(fx.pool, fx.projectB, b1)).toEqual({ run: expect.objectContaining({ traceId: b1 }), candidates: [] });
  });

  it("reads summaries in the order asked and drops ids the project does not have", async () => {
    const got = await getRunSummaries(fx.pool, fx.projectA, [t3, b1, me]);
    expect(got.map((r) => r.traceId)).toEqual([t3, me]);
    expect(await getRunSummaries(fx.pool, fx.projectA, [])).toEqual([]);
  });
});

/**
 * Retention against a real Postgres: a project's runs older than its retention go whole
 * (summary, spans, content, cached analysis) while its recent runs and another project's
 * runs stay readable; once every project's retention has passed a month, that month's
 * partitions are dropped instead of deleting rows, unless a kept run still has spans there.
 *
 *   months:   -4      -3      -2      -1       0 (now)
 *   A old        |run|                                  A keeps 30 days
 *   A recent                                 |run|
 *   B old        |run|                                  B keeps all, then 30 days
 *   B long                 |============================|  (started -2, ended yesterday)
 */
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationRequests } from "../test-support/agent-conversation";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { decodeTraceRequestJson } from "@onset/otlp";
import { applyRetention, getProjectRetention, setProjectRetention } from "./retention";
import { getRun, listRuns, loadRunSpans } from "./runs";
import { ensureSpanPartitions, partitionName } from "./span-partitions";

const DAY = 86_400_000;
// A fixed "now", so the runs below fall in the months the diagram shows.
const now = new Date(Date.UTC(2026, 11, 15));

/** A conversation run (content in the store) starting `daysAgo` days ago, trace id `n`. */
function run(n: number, daysAgo: number): NormalizedSpan[] {
  const [req] = conversationRequests({ runs: 1, steps: 3, systemChars: 3000, messageChars: 1500, seed: n, startMs: now.getTime() - daysAgo * DAY });
  return decodeTraceRequestJson(JSON.stringify(req)).spans.map((s) => ({ ...s, traceId: n.toString(16).padStart(32, "0") }));
}

describe("retention", () => {
  const fx = useIngestFixture();
  const aOld = run(1, 100);
  const aRecent = run(2, 2);
  const bOld = run(3, 100);
  // A run of B that started 70 days ago and ended yesterday.
  const bLong = [
    makeSpan({ traceId: "4".padStart(32, "0"), spanId: "4".repeat(16), parentSpanId: "5".repeat(16), startTimeMs: now.getTime() - 70 * DAY, endTimeMs: now.getTime() - 70 * DAY + 1000 }),
    makeSpan({ traceId: "4".padStart(32, "0"), spanId: "5".repeat(16), startTimeMs: now.getTime() - 70 * DAY, endTimeMs: now.getTime() - DAY }),
  ];

  beforeAll(async () => {
    await ensureSpanPartitions(fx.pool, now, 4, 0);
    for (const spans of [aOld, aRecent]) await fx.ingest.write(fx.projectA, spans);
    for (const spans of [bOld, bLong]) await fx.ingest.write(fx.projectB, spans);
  });

  const contentRows = async (projectId: string) =>
    (await fx.pool.query(`SELECT count(*)::int AS n FROM span_contents WHERE project_id = $1`, [projectId])).rows[0].n as number;

  it("keeps everything while no project has a retention", async () => {
    expect(await getProjectRetention(fx.pool, fx.projectA)).toBeNull();
    expect(await applyRetention(fx.pool, now)).toEqual({ droppedPartitions: [], deletedRuns: 0 });
    expect((await listRuns(fx.pool, fx.projectA)).runs).toHaveLength(2);
  });

  it("deletes a project's expired runs whole and leaves its recent runs and other projects alone", async () => {
    await setProjectRetention(fx.pool, fx.projectA, 30);
    const recentBefore = await loadRunSpans(fx.pool, fx.projectA, aRecent[0]!.traceId);
    const bContent = await contentRows(fx.projectB);
    const r = await applyRetention(fx.pool, now);
    // B keeps everything: no month can be dropped, A's old run goes row by row.
    expect(r).toEqual({ droppedPartitions: [], deletedRuns: 1 });
    expect(await getRun(fx.pool, fx.projectA, aOld[0]!.traceId)).toBeNull();
    const left = await fx.pool.query(`SELECT count(*)::int AS n FROM spans WHERE project_id = $1 AND trace_id = $2`, [fx.projectA, aOld[0]!.traceId]);
    expect(left.rows[0].n).toBe(0);
    expect((await listRuns(fx.pool, fx.projectA)).runs.map((x) => x.traceId)).toEqual([aRecent[0]!.traceId]);
    expect(await loadRunSpans(fx.pool, fx.projectA, aRecent[0]!.traceId)).toEqual(recentBefore);
    // A's old month content went with its last span there; B's is untouched.
    const old = new Date(now.getTime() - 100 * DAY);
    const oldBucket = new Date(Date.UTC(old.getUTCFullYear(), old.getUTCMonth(), 1));
    const aOldContent = await fx.pool.query(`SELECT count(*)::int AS n FROM span_contents WHERE project_id = $1 AND bucket = $2`, [fx.projectA, oldBucket]);
    expect(aOldContent.rows[0].n).toBe(0);
    expect(await contentRows(fx.projectB)).toBe(bContent);
    expect((await loadRunSpans(fx.pool, fx.projectB, bOld[0]!.traceId)).length).toBe(bOld.length);
  });

  it("drops whole months once every project's retention passed them, but not a month a kept run still uses", async () => {
    await setProjectRetention(fx.pool, fx.projectB, 30);
    const recentBefore = await loadRunSpans(fx.pool, fx.projectA, aRecent[0]!.traceId);
    const r = await applyRetention(fx.pool, now);
    const bOldMonth = partitionName(new Date(now.getTime() - 100 * DAY));
    const bLongMonth = partitionName(new Date(now.getTime() - 70 * DAY));
    // B's old run is alone in its month: the month's partitions are dropped.
    expect(bOldMonth).toBe("spans_y2026m09");
    expect(r.droppedPartitions).toContain(bOldMonth);
    expect(r.droppedPartitions).toContain("span_contents_y2026m09");
    const exists = await fx.pool.query(`SELECT relname FROM pg_class WHERE relname = ANY($1::text[])`, [[bOldMonth, "span_contents_y2026m09"]]);
    expect(exists.rows).toEqual([]);
    // The long run ended a day ago: it is kept, and so is the month it started in.
    expect(bLongMonth).toBe("spans_y2026m10");
    expect(r.droppedPartitions).not.toContain(bLongMonth);
    expect(await getRun(fx.pool, fx.projectB, bOld[0]!.traceId)).toBeNull();
    expect((await listRuns(fx.pool, fx.projectB)).runs.map((x) => x.traceId)).toEqual([bLong[0]!.traceId]);
    expect(await loadRunSpans(fx.pool, fx.projectB, bLong[0]!.traceId)).toHaveLength(2);
    expect(await loadRunSpans(fx.pool, fx.projectA, aRecent[0]!.traceId)).toEqual(recentBefore);
    // A second pass finds nothing more to do.
    expect(await applyRetention(fx.pool, now)).toEqual({ droppedPartitions: [], deletedRuns: 0 });
  });
});

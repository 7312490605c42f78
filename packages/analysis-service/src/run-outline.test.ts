/**
 * The run page's outline against a real Postgres: the same span tree and facts the
 * analysis has, read without span content, scoped to the project; once the analysis is
 * stored, the outline stored with it (with the step and stage grouping) while current.
 */
import { ANALYSIS_VERSION } from "@onset/analysis";
import { getRunSpan, listRunSpanFacts } from "@onset/db";
import { makeSpan, useIngestFixture } from "@onset/db/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeOutline, outlineGroupsOf } from "./outline-codec";
import { getRunAnalysis } from "./run-analysis";
import { getRunOutline, type RunOutline, type StoredRunOutline } from "./run-outline";
import { failedRun, loopingRun } from "./test-support/run-fixtures";

const FAILED = "3".repeat(32);
const LOOPING = "4".repeat(32);
const GROWING = "8".repeat(32);

/** The outline as built per request (fails the test when it was the stored one). */
const built = (o: RunOutline | StoredRunOutline | null): RunOutline => {
  if (!o || !("tree" in o)) throw new Error(`expected an outline built now, got ${o ? "the stored one" : "null"}`);
  return o;
};
/** The stored outline, decoded. */
const stored = (o: RunOutline | StoredRunOutline | null) => {
  if (!o || !("outlineJson" in o)) throw new Error(`expected the stored outline, got ${o ? "one built now" : "null"}`);
  return { run: o.run, json: o.outlineJson, ...decodeOutline(JSON.parse(o.outlineJson)) };
};

describe("run outline", () => {
  const f = useIngestFixture();

  beforeAll(async () => {
    await f.ingest.write(f.projectA, failedRun(FAILED));
    await f.ingest.write(f.projectA, loopingRun(LOOPING));
  });

  it("before the analysis: the analysis' own span tree, the span facts and the run summary, built now", async () => {
    for (const traceId of [FAILED, LOOPING]) {
      const outline = built(await getRunOutline(f.pool, f.projectA, traceId));
      const analysis = (await getRunAnalysis(f.pool, f.projectA, traceId))!.analysis;
      expect(outline.tree).toEqual(analysis.tree);
      expect(outline.spans).toEqual(await listRunSpanFacts(f.pool, f.projectA, traceId));
      expect(outline.run).toMatchObject({ traceId, spanCount: analysis.spanCount });
    }
  });

  // The page draws step and stage rows from the stored outline at once: its grouping must be the analysis' own.
  it("once analyzed: the outline stored with the analysis, with its step and stage grouping", async () => {
    for (const traceId of [FAILED, LOOPING]) {
      const analysis = (await getRunAnalysis(f.pool, f.projectA, traceId))!.analysis;
      const outline = stored(await getRunOutline(f.pool, f.projectA, traceId));
      expect(outline.tree).toEqual(analysis.tree);
      expect(outline.spans).toEqual(await listRunSpanFacts(f.pool, f.projectA, traceId));
      expect(outline.groups).toEqual(outlineGroupsOf(analysis));
      expect(outline.groups!.steps.length).toBeGreaterThan(0);
      expect(outline.run).toMatchObject({ traceId, spanCount: analysis.spanCount });
    }
  });

  it("is built again when the stored one is stale: a new span, or another analyzer version", async () => {
    await f.ingest.write(f.projectA, failedRun(GROWING));
    await getRunAnalysis(f.pool, f.projectA, GROWING);
    stored(await getRunOutline(f.pool, f.projectA, GROWING));
    await f.ingest.write(f.projectA, [makeSpan({ traceId: GROWING, spanId: "e".repeat(16), name: "late" })]);
    const grown = built(await getRunOutline(f.pool, f.projectA, GROWING));
    expect(grown.run.spanCount).toBe(grown.tree.spanCount);
    expect(grown.tree.root.children.some((n) => n.spanId === "e".repeat(16))).toBe(true);
    await getRunAnalysis(f.pool, f.projectA, GROWING);
    stored(await getRunOutline(f.pool, f.projectA, GROWING));
    await f.pool.query(`UPDATE trace_analyses SET analysis_version = 'older' WHERE trace_id = $1`, [GROWING]);
    built(await getRunOutline(f.pool, f.projectA, GROWING));
    await f.pool.query(`UPDATE trace_analyses SET analysis_version = $2, outline = NULL WHERE trace_id = $1`, [GROWING, ANALYSIS_VERSION]);
    built(await getRunOutline(f.pool, f.projectA, GROWING));
  });

  it("carries no span content, and keeps times microsecond-exact", async () => {
    const failing = await getRunSpan(f.pool, f.projectA, FAILED, "c000000000000002");
    const outline = stored(await getRunOutline(f.pool, f.projectA, FAILED));
    expect(outline.json).not.toContain("1 failed"); // the failing test's output
    const node = outline.tree.root.children.flatMap(function all(n): (typeof n)[] {
      return [n, ...n.children.flatMap(all)];
    }).find((n) => n.spanId === "c000000000000002")!;
    expect(node).toMatchObject({ status: "error", endTimeMs: expect.any(Number) });
    expect(new Date(node.startTimeMs).toISOString().slice(0, 23)).toBe(failing!.startTime.slice(0, 23));
  });

  it("is null for a run the project does not have (another project's run included)", async () => {
    expect(await getRunOutline(f.pool, f.projectA, "f".repeat(32))).toBeNull();
    expect(await getRunOutline(f.pool, f.projectB, FAILED)).toBeNull();
  });
});

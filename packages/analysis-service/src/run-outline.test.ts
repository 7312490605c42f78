/**
 * The run page's outline against a real Postgres: the same span tree and facts the
 * analysis has, read without span content, scoped to the project.
 */
import { getRunSpan, listRunSpanFacts } from "@onset/db";
import { useIngestFixture } from "@onset/db/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { getRunAnalysis } from "./run-analysis";
import { getRunOutline } from "./run-outline";
import { failedRun, loopingRun } from "./test-support/run-fixtures";

const FAILED = "3".repeat(32);
const LOOPING = "4".repeat(32);

describe("run outline", () => {
  const f = useIngestFixture();

  beforeAll(async () => {
    await f.ingest.write(f.projectA, failedRun(FAILED));
    await f.ingest.write(f.projectA, loopingRun(LOOPING));
  });

  it("serves the analysis' own span tree, the span facts and the run summary", async () => {
    for (const traceId of [FAILED, LOOPING]) {
      const outline = await getRunOutline(f.pool, f.projectA, traceId);
      const analysis = (await getRunAnalysis(f.pool, f.projectA, traceId))!.analysis;
      expect(outline).not.toBeNull();
      expect(outline!.tree).toEqual(analysis.tree);
      expect(outline!.spans).toEqual(await listRunSpanFacts(f.pool, f.projectA, traceId));
      expect(outline!.run).toMatchObject({ traceId, spanCount: analysis.spanCount });
    }
  });

  it("carries no span content, and keeps times microsecond-exact", async () => {
    const outline = (await getRunOutline(f.pool, f.projectA, FAILED))!;
    const failing = await getRunSpan(f.pool, f.projectA, FAILED, "c000000000000002");
    expect(JSON.stringify(outline)).not.toContain("1 failed"); // the failing test's output
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

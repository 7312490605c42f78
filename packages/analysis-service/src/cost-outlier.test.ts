/**
 * The cost-outlier finding end to end on a real Postgres: four cheap runs of a task and
 * one that cost ~200 times as much; analyzing the costly one compares it with its
 * siblings (runCostBaseline), adds the finding to its cached analysis and writes the
 * runs list's cost badge (traces.cost_finding_count, RunSummary.costFindingCount).
 */
import type { NormalizedSpan } from "@onset/otlp";
import { getRunSummary } from "@onset/db";
import { makeSpan, useIngestFixture } from "@onset/db/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { getRunAnalysis } from "./run-analysis";

const t0 = Date.UTC(2026, 10, 21, 9, 0, 0);

/** A run of task `triage`: an agent span over `calls` LLM calls whose prompts grow by 12k tokens each. */
function run(traceId: string, calls: number, costPerCall: number): NormalizedSpan[] {
  const root = makeSpan({ traceId, spanId: `${traceId.slice(0, 14)}00`, name: "invoke_agent researcher", type: "agent", agentName: "researcher", startTimeMs: t0, endTimeMs: t0 + 1000 * calls + 1000, attributes: { "onset.task": "triage" }, statusCode: "ok" });
  const spans = [root];
  for (let k = 0; k < calls; k++) {
    spans.push(
      makeSpan({
        traceId,
        spanId: `${traceId.slice(0, 12)}${String(k + 1).padStart(4, "0")}`,
        parentSpanId: root.spanId,
        name: "chat claude-sonnet-4-5",
        type: "llm",
        model: "claude-sonnet-4-5",
        startTimeMs: t0 + 1000 * k,
        endTimeMs: t0 + 1000 * k + 800,
        usage: { input: 24_000 + 12_000 * k, output: 300, cacheRead: null, cacheWrite: null, reasoning: null },
        costUsd: costPerCall,
        costSource: "reported",
        output: { kind: "text", text: `read log ${k}: new lines` },
      }),
    );
  }
  return spans;
}

describe("cost outlier", () => {
  const f = useIngestFixture();
  const COSTLY = "c".repeat(32);

  beforeAll(async () => {
    for (let i = 1; i <= 4; i++) await f.ingest.write(f.projectA, run(`${i}`.repeat(32), 2, 0.01));
    await f.ingest.write(f.projectA, run(COSTLY, 5, 0.84));
  });

  it("flags the run that cost ~200x its siblings, says where the money went, and writes the list badge", async () => {
    const a = (await getRunAnalysis(f.pool, f.projectA, COSTLY))!.analysis;
    const finding = a.costFindings.find((c) => c.kind === "cost-outlier");
    expect(finding).toBeDefined();
    expect(finding!.baseline).toMatchObject({ runs: 4, basis: "task", medianUsd: 0.02, ratio: 210 });
    expect(finding!.text).toContain("$4.20, 210× the median $0.02 of 4 other runs of the same task");
    expect(finding!.text).toContain("24k to 72k input tokens");
    expect((await getRunSummary(f.pool, f.projectA, COSTLY))!.costFindingCount).toBe(a.costFindings.length);
  });

  it("does not flag an ordinary sibling", async () => {
    const a = (await getRunAnalysis(f.pool, f.projectA, "1".repeat(32)))!.analysis;
    expect(a.costFindings).toEqual([]);
    expect((await getRunSummary(f.pool, f.projectA, "1".repeat(32)))!.costFindingCount).toBe(0);
  });
});

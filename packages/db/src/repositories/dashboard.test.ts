/**
 * The dashboard aggregates against a real Postgres, fed through the real ingest path:
 * buckets (empty ones included), error rate, cost and tokens per bucket, totals, models
 * by cost, costliest runs and loop runs, all scoped to one project and one time range.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { bucketCount, loadDashboard } from "./dashboard";

const H = 3600_000;
const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);

/** A run: an agent root and one LLM call with a reported cost (no price table needed). */
function run(
  traceId: string,
  startMs: number,
  opts: { status?: "ok" | "error"; model: string; input: number; output: number; costUsd: number | null; durationMs?: number },
): NormalizedSpan[] {
  const end = startMs + (opts.durationMs ?? 1000);
  return [
    // The agent root names its model without tokens, as gen_ai.request.model on invoke_agent
    // spans does: not a call of that model.
    makeSpan({ traceId, spanId: `${traceId.slice(0, 15)}a`, name: `run ${traceId.slice(0, 4)}`, type: "agent", model: `${opts.model}-requested`, statusCode: opts.status ?? "ok", startTimeMs: startMs, endTimeMs: end }),
    makeSpan({
      traceId,
      spanId: `${traceId.slice(0, 15)}b`,
      parentSpanId: `${traceId.slice(0, 15)}a`,
      name: `chat ${opts.model}`,
      type: "llm",
      model: opts.model,
      provider: opts.model.startsWith("gpt") ? "openai" : null,
      startTimeMs: startMs + 10,
      endTimeMs: end - 10,
      usage: { input: opts.input, output: opts.output, cacheRead: null, cacheWrite: null, reasoning: null },
      costUsd: opts.costUsd,
      costSource: opts.costUsd === null ? null : "reported",
    }),
  ];
}

describe("loadDashboard", () => {
  const fx = useIngestFixture();

  // Project A, range [12:00, 15:00), 1 h buckets:
  //
  //   11:00 (day before)  r0 ok  gpt-4o     $5     <- outside the range
  //   12:00 |--r1 ok  gpt-4o-mini $0.01 ------|
  //   13:10 |--r2 err gpt-4o      $0.50  (2 loops, analysed)
  //   13:20 |--r3 ok  acme-x      unpriced
  //   14:00  (nothing: an empty bucket that must still be there)
  //   project B 12:30  r9 gpt-4o $9     <- other project
  const r0 = "00".repeat(16);
  const r1 = "11".repeat(16);
  const r2 = "22".repeat(16);
  const r3 = "33".repeat(16);
  const r9 = "99".repeat(16);

  beforeAll(async () => {
    await fx.ingest.write(fx.projectA, [
      ...run(r0, t0 - 25 * H, { model: "gpt-4o", input: 9, output: 9, costUsd: 5 }),
      ...run(r1, t0, { model: "gpt-4o-mini", input: 1000, output: 500, costUsd: 0.01, durationMs: 2000 }),
      ...run(r2, t0 + 1.16 * H, { status: "error", model: "gpt-4o", input: 3000, output: 700, costUsd: 0.5, durationMs: 4000 }),
      ...run(r3, t0 + 1.33 * H, { model: "acme-x", input: 50, output: 5, costUsd: null, durationMs: 6000 }),
    ]);
    await fx.ingest.write(fx.projectB, run(r9, t0 + 0.5 * H, { model: "gpt-4o", input: 1, output: 1, costUsd: 9 }));
    // What the analysis worker writes for a run with loops (run-analysis.ts): the badge
    // on traces and the cached result with the findings.
    await fx.pool.query(`UPDATE traces SET loop_count = 2 WHERE project_id = $1 AND trace_id = $2`, [fx.projectA, r2]);
    await fx.pool.query(`INSERT INTO trace_analyses (project_id, trace_id, span_count, result) VALUES ($1, $2, 2, $3::jsonb)`, [
      fx.projectA,
      r2,
      JSON.stringify({ loops: [{ kind: "repeated-call", wastedTokens: 1200, wastedCostUsd: 0.2 }, { kind: "cycle", wastedTokens: 300, wastedCostUsd: 0.05 }] }),
    ]);
  });

  const range = () => ({ from: new Date(t0), to: new Date(t0 + 3 * H), bucket: "1h" as const });

  it("buckets runs, errors, cost and tokens per hour, keeping the empty bucket", async () => {
    const d = await loadDashboard(fx.pool, fx.projectA, range());
    expect(d.series.map((p) => p.time)).toEqual([0, 1, 2].map((i) => new Date(t0 + i * H).toISOString()));
    expect(d.series.map((p) => [p.runs, p.errorRuns, p.errorRate])).toEqual([
      [1, 0, 0],
      [2, 1, 0.5],
      [0, 0, null],
    ]);
    expect(d.series[0]).toMatchObject({ costUsd: 0.01, inputTokens: 1000, outputTokens: 500, unpricedSpans: 0 });
    expect(d.series[1]).toMatchObject({ inputTokens: 3050, outputTokens: 705, unpricedSpans: 1 });
    expect(d.series[1]!.costUsd).toBeCloseTo(0.5, 12);
  });

  it("totals the range only, for this project only", async () => {
    const { totals } = await loadDashboard(fx.pool, fx.projectA, range());
    expect(totals).toMatchObject({ runs: 3, errorRuns: 1, inputTokens: 4050, outputTokens: 1205, unpricedSpans: 1, runsWithLoops: 1, loops: 2 });
    expect(totals.errorRate).toBeCloseTo(1 / 3, 12);
    expect(totals.costUsd).toBeCloseTo(0.51, 12);
    expect(totals.avgDurationMs).toBeCloseTo(4000, 6);
    // percentile_cont over 2000, 4000, 6000 ms: 4000 + 0.9 * 2000
    expect(totals.p95DurationMs).toBeCloseTo(5800, 6);
  });

  it("ranks models by cost, counts unpriced calls instead of pricing them at $0, and skips agent spans that only name a model", async () => {
    const { topModels } = await loadDashboard(fx.pool, fx.projectA, range());
    expect(topModels.map((m) => [m.model, m.calls, m.runs, m.unpricedCalls])).toEqual([
      ["gpt-4o", 1, 1, 0],
      ["gpt-4o-mini", 1, 1, 0],
      ["acme-x", 1, 1, 1],
    ]);
    expect(topModels[0]).toMatchObject({ provider: "openai", inputTokens: 3000, outputTokens: 700 });
  });

  it("lists the costliest runs of the range (priced runs only) and the loop runs with their waste", async () => {
    const d = await loadDashboard(fx.pool, fx.projectA, range());
    expect(d.costliestRuns.map((r) => r.traceId)).toEqual([r2, r1]);
    expect(d.loopRuns).toHaveLength(1);
    expect(d.loopRuns[0]!.run.traceId).toBe(r2);
    expect(d.loopRuns[0]!.wastedTokens).toBe(1500);
    expect(d.loopRuns[0]!.wastedCostUsd).toBeCloseTo(0.25, 12);
    expect(d.loopRuns[0]!.kinds.sort()).toEqual(["cycle", "repeated-call"]);
  });

  it("starts the series at the bucket holding `from` when the range starts mid-bucket", async () => {
    // from 12:30: r1 (12:00) is outside, but its bucket still heads the series, empty.
    const d = await loadDashboard(fx.pool, fx.projectA, { from: new Date(t0 + 0.5 * H), to: new Date(t0 + 2 * H), bucket: "1h" });
    expect(d.series.map((p) => [p.time, p.runs])).toEqual([
      [new Date(t0).toISOString(), 0],
      [new Date(t0 + H).toISOString(), 2],
    ]);
  });

  it.each([
    { why: "an empty range has nothing to chart", from: t0, to: t0, bucket: "1h" as const, message: /empty/ },
    { why: "a year of minutes would be 500k buckets", from: t0, to: t0 + 365 * 24 * H, bucket: "1m" as const, message: /more than 2000 buckets/ },
  ])("refuses a range when $why", async ({ from, to, bucket, message }) => {
    await expect(loadDashboard(fx.pool, fx.projectA, { from: new Date(from), to: new Date(to), bucket })).rejects.toThrow(message);
  });

  it("counts LLM calls without usage in the totals and per model, never as free calls", async () => {
    const r8 = "88".repeat(16);
    await fx.ingest.write(fx.projectB, [
      makeSpan({ traceId: r8, spanId: "8".repeat(16), name: "chat gpt-4o", type: "llm", model: "gpt-4o", startTimeMs: t0 + 0.6 * H, endTimeMs: t0 + 0.6 * H + 50 }),
    ]);
    const d = await loadDashboard(fx.pool, fx.projectB, range());
    expect(d.totals).toMatchObject({ runs: 2, inputTokens: 1, outputTokens: 1, costUsd: 9, llmSpansWithoutUsage: 1 });
    expect(d.topModels.map((m) => [m.model, m.calls, m.callsWithoutUsage])).toEqual([["gpt-4o", 2, 1]]);
    const a = await loadDashboard(fx.pool, fx.projectA, range());
    expect(a.totals.llmSpansWithoutUsage).toBe(0);
    expect(a.topModels.every((m) => m.callsWithoutUsage === 0)).toBe(true);
  });

  it("counts buckets rounding a partial last bucket up", () => {
    expect(bucketCount({ from: new Date(t0), to: new Date(t0 + 90 * 60_000), bucket: "1h" })).toBe(2);
  });
});

/**
 * Cached run analysis against a real Postgres: computed once and stored, served from
 * the cache while the run's span count holds, recomputed when spans arrive, when log
 * records fill a stored span's content, or when the analyzer's version changes, list badges written, and quiet runs analyzed in bounded
 * batches by the timer entry point. Also the span reads the run page uses.
 */
import { ANALYSIS_VERSION } from "@onset/analysis";
import type { AttrValue, OtlpLogRecord } from "@onset/otlp";
import { getRunSpan, listRunSpanFacts, listRuns, storeLogRecords } from "@onset/db";
import { makeSpan, useIngestFixture } from "@onset/db/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeQuietRuns, getRunAnalysis } from "./run-analysis";
import { failedRun, loopingRun } from "./test-support/run-fixtures";

const FAILED = "1".repeat(32);
const LOOPING = "2".repeat(32);

describe("run analysis cache", () => {
  const f = useIngestFixture();

  const traceRow = async (traceId: string) =>
    (
      await f.pool.query<{ onset_span_id: string | null; loop_count: number; analyzed: boolean; current: boolean }>(
        `SELECT onset_span_id, loop_count, analyzed_at IS NOT NULL AS analyzed, analyzed_at = updated_at AS current
           FROM traces WHERE project_id = $1 AND trace_id = $2`,
        [f.projectA, traceId],
      )
    ).rows[0]!;
  const cacheRow = async (traceId: string) =>
    (await f.pool.query<{ span_count: number }>(`SELECT span_count FROM trace_analyses WHERE project_id = $1 AND trace_id = $2`, [f.projectA, traceId])).rows[0];
  /** Pretends the run's last batch arrived an hour ago. */
  const makeQuiet = (traceId: string) =>
    f.pool.query(`UPDATE traces SET updated_at = now() - interval '1 hour' WHERE trace_id = $1`, [traceId]);

  beforeAll(async () => {
    await f.ingest.write(f.projectA, failedRun(FAILED));
    await f.ingest.write(f.projectA, loopingRun(LOOPING));
  });

  it("returns null for a run the project does not have (another project's run included)", async () => {
    expect(await getRunAnalysis(f.pool, f.projectA, "f".repeat(32))).toBeNull();
    expect(await getRunAnalysis(f.pool, f.projectB, FAILED)).toBeNull();
  });

  it("analyzes a failed run on first read, stores it and writes the onset badge", async () => {
    const first = await getRunAnalysis(f.pool, f.projectA, FAILED);
    expect(first?.cached).toBe(false);
    const a = first!.analysis;
    expect(a.version).toBe(ANALYSIS_VERSION);
    expect(a.spanCount).toBe(6);
    expect(a.tree.spanCount).toBe(6);
    // The run failed with a failing test: the analyzer must name an onset.
    expect(a.onset).not.toBeNull();
    expect((await cacheRow(FAILED))?.span_count).toBe(6);
    const row = await traceRow(FAILED);
    expect(row.onset_span_id).toBe(a.onset!.spanId);
    expect(row.loop_count).toBe(a.loops.length);
    expect(row.current).toBe(true);
    // The runs list reads the same badge.
    expect((await listRuns(f.pool, f.projectA, { hasOnset: true })).runs.map((r) => r.traceId)).toEqual([FAILED]);
  });

  it("serves the stored result while the span count holds", async () => {
    const before = await getRunAnalysis(f.pool, f.projectA, FAILED);
    const again = await getRunAnalysis(f.pool, f.projectA, FAILED);
    expect(again?.cached).toBe(true);
    expect(again?.analysis).toEqual(before?.analysis);
  });

  it("recomputes when a new span arrives (the count changed)", async () => {
    await f.ingest.write(f.projectA, [
      makeSpan({ traceId: FAILED, spanId: "f000000000000001", parentSpanId: "a000000000000001", name: "late note", startTimeMs: Date.UTC(2026, 10, 20, 12, 0, 0, 900), endTimeMs: Date.UTC(2026, 10, 20, 12, 0, 0, 950) }),
    ]);
    const after = await getRunAnalysis(f.pool, f.projectA, FAILED);
    expect(after?.cached).toBe(false);
    expect(after?.analysis.spanCount).toBe(7);
    expect((await cacheRow(FAILED))?.span_count).toBe(7);
    expect((await getRunAnalysis(f.pool, f.projectA, FAILED))?.cached).toBe(true);
  });

  it.each([
    { why: "an older analyzer version wrote the cache", mutate: `UPDATE trace_analyses SET result = jsonb_set(result, '{version}', '"analysis/0"')` },
    { why: "the cached count disagrees with the run's", mutate: `UPDATE trace_analyses SET span_count = span_count - 1` },
  ])("recomputes when $why", async ({ mutate }) => {
    await f.pool.query(`${mutate} WHERE trace_id = $1`, [FAILED]);
    const r = await getRunAnalysis(f.pool, f.projectA, FAILED);
    expect(r?.cached).toBe(false);
    expect(r?.analysis.version).toBe(ANALYSIS_VERSION);
  });

  it("recomputes on force even when the cache is current", async () => {
    expect((await getRunAnalysis(f.pool, f.projectA, FAILED, { force: true }))?.cached).toBe(false);
  });

  it("analyzes quiet runs only, in bounded batches, and not again until new spans arrive", async () => {
    // LOOPING was never opened; FAILED was analyzed above.
    expect(await analyzeQuietRuns(f.pool, 60_000)).toBe(0); // both just written: not quiet yet
    await makeQuiet(LOOPING);
    await makeQuiet(FAILED);
    expect(await analyzeQuietRuns(f.pool, 60_000, { limit: 5 })).toBe(1); // FAILED's analysis is current: only LOOPING
    // Now pretend both analyses predate their runs' last batch: both are due again.
    await f.pool.query(`UPDATE traces SET analyzed_at = updated_at - interval '1 minute' WHERE trace_id IN ($1, $2)`, [FAILED, LOOPING]);
    expect(await analyzeQuietRuns(f.pool, 60_000, { limit: 1 })).toBe(1);
    expect(await analyzeQuietRuns(f.pool, 60_000, { limit: 1 })).toBe(1);
    expect(await analyzeQuietRuns(f.pool, 60_000)).toBe(0);
    const loopRow = await traceRow(LOOPING);
    expect(loopRow.current).toBe(true);
    // Four identical reads with the same output: the detector reports a loop.
    expect(loopRow.loop_count).toBeGreaterThan(0);
    expect((await listRuns(f.pool, f.projectA, { hasLoops: true })).runs.map((r) => r.traceId)).toContain(LOOPING);
    // The timer's result is what the page then reads from the cache.
    const cached = await getRunAnalysis(f.pool, f.projectA, LOOPING);
    expect(cached?.cached).toBe(true);
    expect(cached?.analysis.loops[0]?.wastedTokens).toBeGreaterThan(0);
  });

  it("takes a run up again once it receives spans and goes quiet", async () => {
    await f.ingest.write(f.projectA, [
      makeSpan({ traceId: LOOPING, spanId: "f000000000000002", parentSpanId: "a000000000000002", name: "late", startTimeMs: Date.UTC(2026, 10, 20, 12, 0, 0, 990), endTimeMs: Date.UTC(2026, 10, 20, 12, 0, 0, 995) }),
    ]);
    expect(await analyzeQuietRuns(f.pool, 60_000)).toBe(0); // fresh batch: still talking
    await makeQuiet(LOOPING);
    expect(await analyzeQuietRuns(f.pool, 60_000)).toBe(1);
    expect((await cacheRow(LOOPING))?.span_count).toBe(10);
  });

  it("recomputes, and queues the run again, when GenAI log events fill a span's content after the analysis was cached", async () => {
    // instrumentation-openai's shape: the chat span carries no content; its prompt and
    // choice come later as log records (issue 16).
    const trace = "3".repeat(32);
    const spanId = "d000000000000001";
    const t0 = Date.UTC(2026, 10, 20, 13, 0, 0);
    await f.ingest.write(f.projectA, [makeSpan({ traceId: trace, spanId, name: "chat gpt-4o-mini", type: "llm", model: "gpt-4o-mini", startTimeMs: t0, endTimeMs: t0 + 50 })]);
    expect((await getRunAnalysis(f.pool, f.projectA, trace))?.cached).toBe(false);
    expect((await getRunAnalysis(f.pool, f.projectA, trace))?.cached).toBe(true);
    expect((await traceRow(trace)).current).toBe(true);

    const event = (eventName: string, body: { [key: string]: AttrValue }, timeMs: number): OtlpLogRecord => ({
      traceId: trace, spanId, timeMs, observedTimeMs: null, severityNumber: 9, severityText: null, eventName, body,
      attributes: {}, serviceName: "svc", scopeName: "@opentelemetry/instrumentation-openai", scopeVersion: "0.22.0", resourceAttributes: {},
    });
    expect(
      await storeLogRecords(f.pool, f.projectA, [
        event("gen_ai.user.message", { content: "Weather in Paris?" }, t0 + 1),
        event("gen_ai.choice", { index: 0, finish_reason: "stop", message: { content: "Sunny." } }, t0 + 49),
      ]),
    ).toEqual({ stored: 2, spansUpdated: 1 });
    // The run's content changed under the cached result: stale, and due for the quiet-run worker.
    expect((await traceRow(trace)).current).toBe(false);
    const fresh = await getRunAnalysis(f.pool, f.projectA, trace);
    expect(fresh?.cached).toBe(false);
    expect((await getRunAnalysis(f.pool, f.projectA, trace))?.cached).toBe(true);
    expect((await traceRow(trace)).current).toBe(true);
    // Another project's records for the same ids change nothing here.
    await storeLogRecords(f.pool, f.projectB, [event("gen_ai.user.message", { content: "x" }, t0 + 2)]);
    expect((await getRunAnalysis(f.pool, f.projectA, trace))?.cached).toBe(true);
  });

  it("reads one span in full and every span's facts, scoped to the project", async () => {
    const span = await getRunSpan(f.pool, f.projectA, FAILED, "c000000000000002");
    expect(span).toMatchObject({ spanId: "c000000000000002", status: "error", tool: { name: "run_tests", result: expect.stringContaining("1 failed") } });
    expect(await getRunSpan(f.pool, f.projectB, FAILED, "c000000000000002")).toBeNull();
    expect(await getRunSpan(f.pool, f.projectA, FAILED, "0".repeat(16))).toBeNull();
    const facts = await listRunSpanFacts(f.pool, f.projectA, FAILED);
    expect(facts).toHaveLength(7);
    expect(facts[0]).toEqual({ spanId: "a000000000000001", model: null, toolName: null, agentName: "coder", inputTokens: null, outputTokens: null, costUsd: null });
    const chat = facts.find((f) => f.spanId === "b000000000000001")!;
    expect(chat).toMatchObject({ model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 50 });
    expect(await listRunSpanFacts(f.pool, f.projectB, FAILED)).toEqual([]);
  });
});

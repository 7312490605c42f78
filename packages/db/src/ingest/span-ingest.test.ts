/**
 * The ingest path against a real Postgres: spans stored field by field, the run summary
 * folded per batch, re-sends changing nothing (totals included), children before
 * parents, costs from the seeded price table, and a key never reaching another project.
 */
import { describe, expect, it } from "vitest";
import { seedGenaiPrices } from "../repositories/prices";
import { getRun, listRuns, loadRunSpans } from "../repositories/runs";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";

const T = "0af7651916cd43dd8448eb211c80319c";
const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);

describe("SpanIngest", () => {
  const fx = useIngestFixture(seedGenaiPrices);


  //  root  |=========================|        (arrives in batch 2)
  //  llm      |=====|                          (batch 1: child before parent)
  //  tool             |====x|                  (batch 1, error)
  const llm = makeSpan({
    traceId: T,
    spanId: "b7ad6b7169203331",
    parentSpanId: "a000000000000001",
    name: "chat gpt-4o-mini",
    type: "llm",
    model: "gpt-4o-mini",
    startTimeMs: t0 + 100.25,
    endTimeMs: t0 + 900,
    usage: { input: 1000, output: 500, cacheRead: null, cacheWrite: null, reasoning: null },
    input: { kind: "messages", messages: [{ role: "user", content: "fix\tthe\nbug \\ now" }] },
    attributes: { "gen_ai.request.model": "gpt-4o-mini" },
  });
  const tool = makeSpan({
    traceId: T,
    spanId: "c000000000000003",
    parentSpanId: "a000000000000001",
    name: "execute_tool shell",
    type: "tool",
    statusCode: "error",
    startTimeMs: t0 + 1000,
    endTimeMs: t0 + 1500,
    tool: { name: "shell", callId: "call_1", arguments: '{"command":"pytest"}', result: "1 failed" },
    error: { type: "ExitCode", message: "exit 1", stacktrace: null },
    attributes: { "process.exit.code": 1 },
  });
  const root = makeSpan({
    traceId: T,
    spanId: "a000000000000001",
    name: "invoke_agent coder",
    type: "agent",
    agentName: "coder",
    statusCode: "error",
    startTimeMs: t0,
    endTimeMs: t0 + 2000,
    sessionId: "sess-1",
    userId: "user-1",
    serviceName: "agent-svc",
    attributes: { "onset.task": "task-42" },
  });

  it("stores children before their parent and folds the summary per batch", async () => {
    expect(await fx.ingest.write(fx.projectA, [llm, tool])).toEqual({ inserted: 2, duplicates: 0 });
    let page = await listRuns(fx.pool, fx.projectA);
    expect(page.runs).toHaveLength(1);
    expect(page.runs[0]).toMatchObject({ traceId: T, status: "unset", spanCount: 2, errorCount: 1, name: "chat gpt-4o-mini" });

    expect(await fx.ingest.write(fx.projectA, [root])).toEqual({ inserted: 1, duplicates: 0 });
    page = await listRuns(fx.pool, fx.projectA);
    const run = page.runs[0]!;
    expect(run).toMatchObject({
      traceId: T,
      name: "invoke_agent coder",
      status: "error",
      spanCount: 3,
      errorCount: 2, // the tool and the root both failed
      inputTokens: 1000,
      outputTokens: 500,
      sessionId: "sess-1",
      userId: "user-1",
      serviceName: "agent-svc",
      task: "task-42",
      models: ["gpt-4o-mini"],
      rootSpanId: "a000000000000001",
      unpricedSpans: 0,
      llmSpansWithoutUsage: 0,
      durationMs: 2000,
      startTime: new Date(t0).toISOString(),
    });
    // gpt-4o-mini at $0.15/M input and $0.60/M output (bundled genai-prices data).
    expect(run.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 12);
  });

  it("reads every span back field by field, content escaped through COPY intact", async () => {
    const got = await getRun(fx.pool, fx.projectA, T);
    expect(got?.spans.map((s) => s.spanId)).toEqual(["a000000000000001", "b7ad6b7169203331", "c000000000000003"]);
    const back = await loadRunSpans(fx.pool, fx.projectA, T);
    const llmBack = back.find((s) => s.spanId === llm.spanId)!;
    expect(llmBack).toEqual({ ...llm, costUsd: llmBack.costUsd, costSource: "computed" });
    expect(llmBack.startTimeMs).toBeCloseTo(t0 + 100.25, 3);
    expect(back.find((s) => s.spanId === tool.spanId)).toEqual(tool);
  });

  it("changes nothing, totals included, when the same spans are sent again", async () => {
    const before = (await listRuns(fx.pool, fx.projectA)).runs[0];
    expect(await fx.ingest.write(fx.projectA, [root, llm, tool, llm])).toEqual({ inserted: 0, duplicates: 4 });
    const after = (await listRuns(fx.pool, fx.projectA)).runs[0];
    expect(after).toEqual(before);
  });

  it("keeps one project's spans away from another's key", async () => {
    await fx.ingest.write(fx.projectB, [makeSpan({ traceId: "f".repeat(32), spanId: "1".repeat(16), name: "b-run" })]);
    expect((await listRuns(fx.pool, fx.projectA)).runs.map((r) => r.traceId)).toEqual([T]);
    expect((await listRuns(fx.pool, fx.projectB)).runs.map((r) => r.name)).toEqual(["b-run"]);
    expect(await getRun(fx.pool, fx.projectB, T)).toBeNull();
  });

  it("counts spans of unpriced models instead of pricing them at $0", async () => {
    const trace = "e".repeat(32);
    await fx.ingest.write(fx.projectA, [
      makeSpan({ traceId: trace, spanId: "2".repeat(16), type: "llm", model: "acme-secret-model-9", usage: { input: 10, output: 5, cacheRead: null, cacheWrite: null, reasoning: null } }),
    ]);
    const run = (await listRuns(fx.pool, fx.projectA, { q: "span" })).runs.find((r) => r.traceId === trace)!;
    expect(run.unpricedSpans).toBe(1);
    expect(run.costUsd).toBe(0);
    const spans = await loadRunSpans(fx.pool, fx.projectA, trace);
    expect(spans[0]!.costUsd).toBeNull();
  });

  it("counts LLM spans without usage, once each, by the direct and the staged flush", async () => {
    const trace = "9".repeat(32);
    const noUsage = (spanId: string) =>
      makeSpan({ traceId: trace, spanId, type: "llm", model: "gpt-4o-mini", name: "chat gpt-4o-mini", startTimeMs: t0, endTimeMs: t0 + 5 });
    // A tool span without usage is not a model call: it is not counted.
    const toolSpan = makeSpan({ traceId: trace, spanId: "4".repeat(16), type: "tool", startTimeMs: t0, endTimeMs: t0 + 5 });
    await fx.ingest.write(fx.projectA, [noUsage("5".repeat(16)), toolSpan]); // all new: direct COPY
    const runOf = async () => (await getRun(fx.pool, fx.projectA, trace))!.run;
    expect(await runOf()).toMatchObject({ llmSpansWithoutUsage: 1, inputTokens: 0, outputTokens: 0, costUsd: 0 });

    // A re-sent span makes the flush staged: the new one without usage counts, the re-sent one not again.
    const withUsage = makeSpan({
      traceId: trace,
      spanId: "7".repeat(16),
      type: "llm",
      model: "gpt-4o-mini",
      startTimeMs: t0,
      endTimeMs: t0 + 5,
      usage: { input: 100, output: 10, cacheRead: null, cacheWrite: null, reasoning: null },
    });
    expect(await fx.ingest.write(fx.projectA, [noUsage("5".repeat(16)), noUsage("6".repeat(16)), withUsage])).toEqual({
      inserted: 2,
      duplicates: 1,
    });
    expect(await runOf()).toMatchObject({ llmSpansWithoutUsage: 2, inputTokens: 100, outputTokens: 10, unpricedSpans: 0 });
  });

  it("pages through runs with a cursor, newest first", async () => {
    const spans = Array.from({ length: 7 }, (_, i) =>
      makeSpan({ traceId: i.toString(16).padStart(32, "d"), spanId: "3".repeat(16), name: `page-${i}`, startTimeMs: t0 + 10_000 + i, endTimeMs: t0 + 10_001 + i }),
    );
    await fx.ingest.write(fx.projectB, spans);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRuns(fx.pool, fx.projectB, { limit: 3, cursor, q: "page-" });
      seen.push(...page.runs.map((r) => r.name!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["page-6", "page-5", "page-4", "page-3", "page-2", "page-1", "page-0"]);
  });
});

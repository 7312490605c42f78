/**
 * Reads an emitted agent run back from the database and checks it field by field
 * against EXPECTED_RUN: the summary row (GET /runs/{traceId}'s `run`) and every span.
 */
import { expect } from "vitest";
import { getRun, loadRunSpans, type Pool } from "@onset/db";
import { EXPECTED_RUN, EXPECTED_TOTALS, type EmittedRun } from "./agent-run";

const iso = (ms: number) => new Date(ms).toISOString();

/** Asserts `run` is stored in `projectId` exactly as the SDK described it. */
export async function expectStoredRun(
  pool: Pool,
  projectId: string,
  run: EmittedRun,
  who: { sessionId: string; userId: string; serviceName: string },
): Promise<void> {
  const got = await getRun(pool, projectId, run.traceId);
  expect(got, `run ${run.traceId} is stored in project ${projectId}`).not.toBeNull();
  const { run: summary, spans } = got!;
  expect(summary).toMatchObject({
    traceId: run.traceId,
    name: "invoke_agent planner",
    status: "ok",
    startTime: iso(run.baseMs),
    endTime: iso(run.baseMs + EXPECTED_TOTALS.durationMs),
    durationMs: EXPECTED_TOTALS.durationMs,
    spanCount: EXPECTED_TOTALS.spanCount,
    errorCount: EXPECTED_TOTALS.errorCount,
    inputTokens: EXPECTED_TOTALS.inputTokens,
    outputTokens: EXPECTED_TOTALS.outputTokens,
    unpricedSpans: 0,
    llmSpansWithoutUsage: 0,
    models: EXPECTED_TOTALS.models,
    rootSpanId: run.spanIds.planner,
    sessionId: who.sessionId,
    userId: who.userId,
    serviceName: who.serviceName,
  });
  expect(summary.costUsd).toBeCloseTo(EXPECTED_TOTALS.costUsd, 12);

  expect(spans).toHaveLength(EXPECTED_RUN.length);
  const normalized = await loadRunSpans(pool, projectId, run.traceId);
  for (const e of EXPECTED_RUN) {
    const id = run.spanIds[e.key];
    const s = spans.find((x) => x.spanId === id);
    expect(s, `span ${e.key}`).toBeDefined();
    expect(s, `span ${e.key}`).toMatchObject({
      parentSpanId: e.parent ? run.spanIds[e.parent] : null,
      name: e.name,
      type: e.type,
      kind: e.kind + 1, // api SpanKind is 0-based; OTLP's enum adds SPAN_KIND_UNSPECIFIED = 0
      startTime: iso(run.baseMs + e.startMs),
      endTime: iso(run.baseMs + e.endMs),
      status: e.status,
      model: e.model,
      provider: e.model ? "openai" : null,
      agentName: e.agentName,
      inputTokens: e.inputTokens,
      outputTokens: e.outputTokens,
      costSource: e.costUsd === null ? null : "computed",
      toolName: e.toolName,
      sessionId: who.sessionId,
      userId: who.userId,
      serviceName: who.serviceName,
      scopeName: "onset-collector-test",
      scopeVersion: "1.0.0",
      mapper: "otel-genai",
    });
    if (e.costUsd === null) expect(s!.costUsd, `cost of ${e.key}`).toBeNull();
    else expect(s!.costUsd, `cost of ${e.key}`).toBeCloseTo(e.costUsd, 12);
    if (e.toolName) {
      expect(s!.tool, `tool of ${e.key}`).toMatchObject({ name: e.toolName, arguments: e.toolArguments });
    } else {
      expect(s!.tool).toBeNull();
    }
    if (e.errorMessage) {
      expect(s!.statusMessage).toBe(e.errorMessage);
      expect(s!.error).toMatchObject({ type: "TestFailure", message: e.errorMessage });
    } else {
      expect(s!.error).toBeNull();
    }
    // Attributes travel as sent (the exit code convention: process.exit.code, a number).
    for (const [k, v] of Object.entries(e.attributes)) expect(s!.attributes[k], `${e.key} ${k}`).toEqual(v);
    expect(s!.resource["service.name"]).toBe(who.serviceName);
    // The normalized read path agrees with the record (it feeds analysis and diff).
    const n = normalized.find((x) => x.spanId === id)!;
    expect(n.usage.input).toBe(e.inputTokens);
    expect(n.parentSpanId).toBe(e.parent ? run.spanIds[e.parent] : null);
  }
}

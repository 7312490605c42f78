/**
 * Log records against a real Postgres: GenAI events fill their span whichever arrives
 * first, a late choice completes an earlier join, other records become span events
 * (replaced, not duplicated, on a re-join), records without a span context are listed
 * per project, and another project's records never touch this project's span.
 */
import type { OtlpLogRecord } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { listLogRecords, storeLogRecords } from "./log-records";
import { getRunSpan } from "./run-span-reads";

const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);

function record(over: Partial<OtlpLogRecord>): OtlpLogRecord {
  return {
    traceId: null, spanId: null, timeMs: t0 + 10, observedTimeMs: null, severityNumber: 9, severityText: null, eventName: null,
    body: null, attributes: {}, serviceName: "svc", scopeName: "@opentelemetry/instrumentation-openai", scopeVersion: "0.22.0",
    resourceAttributes: { "service.name": "svc" }, ...over,
  };
}

/** What instrumentation-openai emits for one chat call (the prompt events, then the choice). */
function promptEvents(traceId: string, spanId: string): OtlpLogRecord[] {
  return [
    record({ traceId, spanId, eventName: "gen_ai.system.message", body: { content: "Be terse." } }),
    record({ traceId, spanId, eventName: "gen_ai.user.message", body: { content: "Weather in Paris?" } }),
  ];
}
function choiceEvent(traceId: string, spanId: string): OtlpLogRecord {
  return record({ traceId, spanId, timeMs: t0 + 20, eventName: "gen_ai.choice", body: { index: 0, finish_reason: "stop", message: { content: "Sunny." } } });
}
const llmSpan = (traceId: string, spanId: string) =>
  makeSpan({ traceId, spanId, name: "chat gpt-4o-mini", type: "llm", model: "gpt-4o-mini", startTimeMs: t0, endTimeMs: t0 + 50 });

describe("log records", () => {
  const fx = useIngestFixture();

  it("fill a stored span's input and output; a later choice completes the join", async () => {
    const [T, S] = ["11111111111111111111111111111111", "1111111111111111"];
    await fx.ingest.write(fx.projectA, [llmSpan(T, S)]);
    expect(await storeLogRecords(fx.pool, fx.projectA, promptEvents(T, S))).toEqual({ stored: 2, spansUpdated: 1 });
    let span = await getRunSpan(fx.pool, fx.projectA, T, S);
    expect(span!.input).toEqual({ kind: "messages", messages: [{ role: "system", content: "Be terse." }, { role: "user", content: "Weather in Paris?" }] });
    expect(span!.output).toBeNull();
    await storeLogRecords(fx.pool, fx.projectA, [choiceEvent(T, S)]);
    span = await getRunSpan(fx.pool, fx.projectA, T, S);
    expect(span!.input).toMatchObject({ messages: [{ role: "system" }, { role: "user" }] });
    expect(span!.output).toEqual({ kind: "messages", messages: [{ role: "assistant", content: "Sunny.", finishReason: "stop" }] });
  });

  it("write the content they bring through the content store, sharing it with spans that carried it", async () => {
    const [T, S, S2] = ["55555555555555555555555555555555", "5555555555555555", "5555555555555556"];
    const system = `You are a careful coding agent. ${"Follow the rules. ".repeat(60)}`;
    // A span that carried the same system prompt itself stored it once already.
    await fx.ingest.write(fx.projectA, [{ ...llmSpan(T, S2), input: { kind: "messages", messages: [{ role: "system", content: system }] } }]);
    await fx.ingest.write(fx.projectA, [llmSpan(T, S)]);
    await storeLogRecords(fx.pool, fx.projectA, [
      record({ traceId: T, spanId: S, eventName: "gen_ai.system.message", body: { content: system } }),
      choiceEvent(T, S),
    ]);
    const span = await getRunSpan(fx.pool, fx.projectA, T, S);
    expect(span!.input).toEqual({ kind: "messages", messages: [{ role: "system", content: system }] });
    expect(span!.output).toMatchObject({ messages: [{ content: "Sunny." }] });
    const row = await fx.pool.query(`SELECT input, content_refs FROM spans WHERE project_id = $1 AND span_id = $2`, [fx.projectA, S]);
    expect(row.rows[0].input).toEqual({ kind: "messages", messages: [] });
    expect(row.rows[0].content_refs.in).toHaveLength(1);
    const copies = await fx.pool.query(`SELECT count(*)::int AS n FROM span_contents WHERE project_id = $1 AND body LIKE $2`, [fx.projectA, `%You are a careful coding agent.%`]);
    expect(copies.rows[0].n).toBe(1);
  });

  it("wait for a span that arrives after them, and fill it when it is committed", async () => {
    const [T, S] = ["22222222222222222222222222222222", "2222222222222222"];
    expect(await storeLogRecords(fx.pool, fx.projectA, [...promptEvents(T, S), choiceEvent(T, S)])).toEqual({ stored: 3, spansUpdated: 0 });
    await fx.ingest.write(fx.projectA, [llmSpan(T, S)]);
    const span = await getRunSpan(fx.pool, fx.projectA, T, S);
    expect(span!.input).toMatchObject({ messages: [{ role: "system", content: "Be terse." }, { role: "user", content: "Weather in Paris?" }] });
    expect(span!.output).toMatchObject({ messages: [{ role: "assistant", content: "Sunny." }] });
    const listed = await listLogRecords(fx.pool, fx.projectA, { context: { traceId: T } });
    expect(listed.records.map((r) => r.spanApplied)).toEqual([true, true, true]);
  });

  it("show other records with a span context as span events, once however often they are joined", async () => {
    const [T, S] = ["33333333333333333333333333333333", "3333333333333333"];
    await fx.ingest.write(fx.projectA, [makeSpan({ traceId: T, spanId: S, name: "step", startTimeMs: t0, endTimeMs: t0 + 50, events: [{ name: "own", timeMs: t0 + 1, attributes: {} }] })]);
    const warn = record({ traceId: T, spanId: S, severityText: "WARN", body: "retrying after 429", attributes: { attempt: 2 } });
    await storeLogRecords(fx.pool, fx.projectA, [warn]);
    await storeLogRecords(fx.pool, fx.projectA, [record({ traceId: T, spanId: S, timeMs: t0 + 30, eventName: "gen_ai.evaluation.result", attributes: { "gen_ai.evaluation.score.value": 0.5 } })]);
    const span = await getRunSpan(fx.pool, fx.projectA, T, S);
    expect(span!.events.map((e) => e.name)).toEqual(["own", "log", "gen_ai.evaluation.result"]);
    expect(span!.events[1]!.attributes).toEqual({ attempt: 2, "log.body": "retrying after 429", "log.severity": "WARN", "onset.log_record": true });
  });

  it("list records without a span context per project, newest first, paged", async () => {
    for (let i = 0; i < 3; i++) await storeLogRecords(fx.pool, fx.projectA, [record({ body: `line ${i}`, timeMs: t0 + i })]);
    await storeLogRecords(fx.pool, fx.projectB, [record({ body: "b's line" })]);
    const page1 = await listLogRecords(fx.pool, fx.projectA, { limit: 2 });
    expect(page1.records.map((r) => r.body)).toEqual(["line 2", "line 1"]);
    const page2 = await listLogRecords(fx.pool, fx.projectA, { limit: 2, before: page1.nextBefore });
    expect(page2.records.map((r) => r.body)).toEqual(["line 0"]);
    expect(page2.nextBefore).toBeNull();
    expect((await listLogRecords(fx.pool, fx.projectB)).records.map((r) => r.body)).toEqual(["b's line"]);
  });

  it("never touch another project's span with the same ids", async () => {
    const [T, S] = ["44444444444444444444444444444444", "4444444444444444"];
    await fx.ingest.write(fx.projectA, [llmSpan(T, S)]);
    expect((await storeLogRecords(fx.pool, fx.projectB, promptEvents(T, S))).spansUpdated).toBe(0);
    expect((await getRunSpan(fx.pool, fx.projectA, T, S))!.input).toBeNull();
  });

  it("store hostile values (NUL, lone surrogates) instead of failing", async () => {
    const r = await storeLogRecords(fx.pool, fx.projectA, [record({ body: "a\u0000b\ud800", severityText: "x\u0000", attributes: { k: "\ud800" } })]);
    expect(r.stored).toBe(1);
  });
});

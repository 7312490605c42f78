/**
 * The writer stores a batch one of two ways (packages/db span-commit.ts): directly
 * (COPY into spans, run summaries computed in the collector) when every span is new,
 * staged (COPY into a staging table, INSERT ... ON CONFLICT DO NOTHING, summaries in
 * SQL) when some were stored before. Whichever way a run's spans arrive, its stored
 * spans and summary must be exactly those of the run sent in one piece.
 *
 *   export 1  planner planLlm worker                      all new        -> direct
 *   export 2          planLlm worker step1Llm readFile    2 stored again -> staged
 *   export 3  every span of the run                       5 stored again -> staged
 *   export 4  a second run, all new, right after a re-send                -> staged
 */
import { describe, expect, it } from "vitest";
import { getRun } from "@onset/db";
import { EXPECTED_RUN } from "../test-support/agent-run";
import { captureAgentRun, protobufBody } from "../test-support/otlp-bodies";
import { partialSuccessOf } from "../test-support/otlp-responses";
import { sendRaw } from "../test-support/raw-http";
import { expectStoredRun } from "../test-support/stored-run";
import { useTestCollector } from "../test-support/test-collector";

describe("direct and staged flushes agree", () => {
  const t = useTestCollector();

  const post = (body: Buffer) =>
    sendRaw(t.tracesUrl, { headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${t.projectA.key.secret}` }, body });

  it("stores a run sent in overlapping pieces exactly as the run sent whole", async () => {
    const who = { sessionId: "pieces", userId: "u", serviceName: "svc-pieces" };
    const run = captureAgentRun(who, who.serviceName);
    // Spans in start order: planner, planLlm, worker, step1Llm, readFile, step2Llm, runTests.
    const byKey = (i: number) => run.spans.find((s) => s.spanContext().spanId === run.run.spanIds[EXPECTED_RUN[i]!.key])!;
    const pieces = [[0, 1, 2], [1, 2, 3, 4], [0, 1, 2, 3, 4, 5, 6]];
    for (const piece of pieces) {
      const res = await post(protobufBody(piece.map(byKey)));
      expect(res.status).toBe(200);
      expect(partialSuccessOf(res).rejectedSpans).toBe(0);
    }
    await expectStoredRun(t.collector.pool, t.projectA.id, run.run, who);
    expect((await getRun(t.collector.pool, t.projectA.id, run.run.traceId))!.spans).toHaveLength(EXPECTED_RUN.length);

    const next = { sessionId: "after-resend", userId: "u", serviceName: "svc-next" };
    const second = captureAgentRun(next, next.serviceName);
    expect((await post(protobufBody(second.spans))).status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, second.run, next);
  });

  it("stores a run whose spans arrive one per export, children first", async () => {
    const who = { sessionId: "reverse", userId: "u", serviceName: "svc-reverse" };
    const run = captureAgentRun(who, who.serviceName);
    // run.spans is in the order the SDK ended them: children before their parents.
    for (const span of run.spans) expect((await post(protobufBody([span]))).status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, run.run, who);
  });

  it("counts a span repeated inside one export once", async () => {
    const who = { sessionId: "twice", userId: "u", serviceName: "svc-twice" };
    const run = captureAgentRun(who, who.serviceName);
    // The duplicate inside the batch makes the direct COPY fail; the staged insert keeps one.
    expect((await post(protobufBody([...run.spans, run.spans[3]!, run.spans[0]!]))).status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, run.run, who);
  });
});

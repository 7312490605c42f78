/**
 * The alert engine wired to the collector as `onset start` wires it, end to end: real
 * OTel exporters → the real collector → Postgres → onCommitted → rules → webhook
 * deliveries to a real receiver on 127.0.0.1. A run crosses its cost threshold and the
 * webhook arrives before its root span is even exported; the examples' loop scenario
 * fires the loop rule while the run is in flight; a failing receiver gets retries with
 * backoff and the log shows each attempt's code; re-sent spans fire nothing; a window
 * rule fires (with its budget forecast) and resolves. It lives in the CLI, the one
 * package that composes the collector and the alerts (docs/architecture.md).
 */
import {
  createAlertEngine,
  createRule,
  RuleInputSchema,
  SIGNATURE_HEADER,
  verifySignature,
  type AlertEngine,
  type AlertPayload,
} from "@onset/alerts";
import { chatAttributes, memoryLog, otelRun, startWebhookReceiver, type OtelRun, type WebhookReceiver } from "@onset/alerts/test-support";
import { startCollector, type RunningCollector } from "@onset/collector";
import { createApiKey, createPool, createPrisma, ensureProject, listAlertEvents, type Pool, type Prisma } from "@onset/db";
import { createTestDatabase, type TestDatabase } from "@onset/db/test-support";
import { runScenario, type LoopExpectations } from "@onset/examples";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** A span of the test tracer. */
type Span = ReturnType<OtelRun["tracer"]["startSpan"]>;

const WEB = "http://onset.test:3000";

describe("alert engine over real OTLP ingest", () => {
  let db: TestDatabase;
  let pool: Pool;
  let prisma: Prisma;
  let receiver: WebhookReceiver;
  let engine: AlertEngine;
  let collector: RunningCollector;
  const log = memoryLog();

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 4);
    prisma = createPrisma(db.url);
    receiver = await startWebhookReceiver();
    engine = createAlertEngine({
      pool,
      log,
      publicWebUrl: WEB,
      allowPrivateWebhooks: true,
      delivery: { baseDelayMs: 100, jitter: 0, maxAttempts: 4, timeoutMs: 2_000 },
      pollMs: 50,
    });
    collector = await startCollector({
      databaseUrl: db.url,
      config: { httpPort: 0, grpcPort: 0, host: "127.0.0.1" },
      log: pino({ level: "silent" }),
      onCommitted: engine.onCommitted,
    });
    engine.start();
  });
  afterAll(async () => {
    await collector?.close();
    await engine?.stop();
    await receiver?.close();
    await pool?.end();
    await prisma?.$disconnect();
    await db?.drop();
  });

  /** A project of its own per case, with a key and a rule pointing at the receiver. */
  async function projectWithRule(slug: string, rule: Record<string, unknown>) {
    const project = (await ensureProject(prisma, slug, slug)).project.id;
    const key = await createApiKey(prisma, project, { name: slug });
    const created = await createRule(pool, project, RuleInputSchema.parse({ name: slug, webhookUrl: receiver.url, ...rule }), { allowPrivateWebhooks: true });
    return { project, key: key.secret, rule: created.rule, secret: created.webhookSecret! };
  }
  const hooksOf = (ruleId: string) => receiver.received.filter((h) => (h.json as { rule?: { id?: string } }).rule?.id === ruleId);
  /** The project's alert events once no delivery is still pending (15 s at most). */
  async function settledEvents(project: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { events } = await listAlertEvents(pool, project, {});
      if (events.every((e) => e.deliveries.every((d) => d.state !== "pending")) || Date.now() > deadline) return events;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function waitForHooks(ruleId: string, n: number, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (hooksOf(ruleId).length < n) {
      if (Date.now() > deadline) throw new Error(`rule ${ruleId}: ${hooksOf(ruleId).length} of ${n} webhooks; log:\n${log.lines.join("\n")}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return hooksOf(ruleId);
  }

  //  root  invoke_workflow  |=============================================... (still open)
  //  chat 1  $0.30            |==|
  //  chat 2  $0.30                 |==|
  //  chat 3  $0.30                      |==|                 running total $0.90
  //  chat 4  $0.30                           |==|            $1.20 ≥ $1.00: webhook, root not exported
  it("fires a run cost alert while the run is in flight, before its root span is exported", async () => {
    const p = await projectWithRule("in-flight", { kind: "run_cost", threshold: 1 });
    const otel = otelRun(collector.httpPort, p.key);
    const root = otel.tracer.startSpan("invoke_workflow runaway", { attributes: { "gen_ai.operation.name": "invoke_workflow" } });
    const chats: Span[] = [];
    for (let i = 0; i < 4; i++) {
      const chat = otel.child(root, "chat gpt-4o", chatAttributes(0.3));
      chat.end();
      await otel.flush();
      chats.push(chat);
      if (i < 3) {
        await engine.idle();
        expect(hooksOf(p.rule.id), `no alert at $${(0.3 * (i + 1)).toFixed(2)}`).toEqual([]);
      }
    }
    const [hook] = await waitForHooks(p.rule.id, 1);
    const rootId = root.spanContext().spanId;
    // The root span is still open and was never exported when the webhook arrived.
    expect(root.isRecording()).toBe(true);
    expect(otel.exported.map((s) => s.spanContext().spanId)).not.toContain(rootId);
    expect(otel.exported).toHaveLength(4);

    const traceId = root.spanContext().traceId;
    const crossing = chats[3]!.spanContext().spanId;
    const body = hook!.json as unknown as AlertPayload;
    expect(verifySignature(p.secret, hook!.raw, hook!.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(true);
    expect(body).toMatchObject({
      type: "firing",
      rule: { id: p.rule.id, kind: "run_cost", threshold: 1 },
      subject: { scope: "run", key: traceId },
      threshold: 1,
      unit: "usd",
      run: { traceId, inFlight: true, url: `${WEB}/runs/${traceId}?project=in-flight` },
      span: { spanId: crossing, url: `${WEB}/runs/${traceId}?project=in-flight&span=${crossing}` },
    });
    expect(body.value).toBeCloseTo(1.2, 6);
    expect(body.message).toMatch(/has cost \$1\.20, crossing the \$1\.00 threshold while still running/);

    // The run goes on and ends: still one alert for it.
    const more = otel.child(root, "chat gpt-4o", chatAttributes(0.5));
    more.end();
    root.end();
    await otel.flush();
    await engine.idle();
    await engine.deliverDue();
    expect(hooksOf(p.rule.id)).toHaveLength(1);
    const { events } = await listAlertEvents(pool, p.project, {});
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ traceId, spanId: crossing, deliveries: [{ attempt: 1, state: "delivered", statusCode: 200 }] });
    await otel.shutdown();
  });

  it("fires the loop rule on the examples' loop scenario while the run is in flight", async () => {
    const p = await projectWithRule("loop", { kind: "loop", threshold: 3 });
    const run = await runScenario("loop", {
      endpoint: `http://127.0.0.1:${collector.httpPort}`,
      protocol: "http/protobuf",
      headers: { authorization: `Bearer ${p.key}` },
      delayMs: 150,
    });
    const exp = run.expectations as LoopExpectations;
    const [hook] = await waitForHooks(p.rule.id, 1);
    const body = hook!.json as unknown as AlertPayload & { details: { loop: { kind: string; count: number; onsetSpanId: string } } };
    expect(body).toMatchObject({ rule: { kind: "loop" }, unit: "repeats", run: { traceId: run.traceId, inFlight: true } });
    expect(body.value).toBeGreaterThanOrEqual(3);
    // The event points at the loop's onset: the first repeat of the repeated search.
    expect(body.span?.spanId).toBe(exp.onset.spanId);
    expect(body.details.loop).toMatchObject({ kind: "repeated-call", onsetSpanId: exp.onset.spanId });
    expect(body.message).toMatch(/^Loop in run "/);
    await engine.idle();
    await engine.deliverDue();
    expect(hooksOf(p.rule.id)).toHaveLength(1);
  });

  //  attempt 1 → 500, +100 ms → attempt 2 → 500, +200 ms → attempt 3 → 200
  it("retries with backoff after the receiver fails, logging each attempt's status code", async () => {
    const p = await projectWithRule("retries", { kind: "run_tokens", threshold: 1000 });
    receiver.script.push(500, 500);
    const otel = otelRun(collector.httpPort, p.key);
    const root = otel.tracer.startSpan("invoke_workflow tokens");
    otel.child(root, "chat gpt-4o", chatAttributes(0.01, 900, 300)).end();
    root.end();
    await otel.flush();
    const hooks = await waitForHooks(p.rule.id, 3);
    expect(hooks.map((h) => [h.headers["x-onset-attempt"], h.answered])).toEqual([
      ["1", 500],
      ["2", 500],
      ["3", 200],
    ]);
    // One notification: the same id on every attempt, so a receiver can drop duplicates.
    expect(new Set(hooks.map((h) => h.headers["x-onset-delivery"])).size).toBe(1);
    expect(hooks[1]!.at - hooks[0]!.at).toBeGreaterThanOrEqual(90);
    expect(hooks[2]!.at - hooks[1]!.at).toBeGreaterThanOrEqual(190);
    const events = await settledEvents(p.project);
    expect(events[0]!.deliveries.map((d) => [d.attempt, d.state, d.statusCode, d.error])).toEqual([
      [1, "failed", 500, "HTTP 500: receiver says 500"],
      [2, "failed", 500, "HTTP 500: receiver says 500"],
      [3, "delivered", 200, null],
    ]);

    // The exporter's retry after a lost response: the same spans again fire nothing.
    const resend = otel.newExporter();
    const code = await new Promise<number>((resolve) => resend.export([...otel.exported], (r) => resolve(r.code)));
    expect(code).toBe(0);
    await engine.idle();
    await engine.deliverDue();
    expect(hooksOf(p.rule.id)).toHaveLength(3);
    expect((await listAlertEvents(pool, p.project, {})).events).toHaveLength(1);
    await resend.shutdown();
    await otel.shutdown();
  });

  it("gives up after the last attempt and says so", async () => {
    const p = await projectWithRule("give-up", { kind: "run_cost", threshold: 0.05 });
    receiver.script.push(503, 503, 503, 503);
    const otel = otelRun(collector.httpPort, p.key);
    const root = otel.tracer.startSpan("invoke_workflow doomed");
    otel.child(root, "chat gpt-4o", chatAttributes(0.1)).end();
    root.end();
    await otel.flush();
    await waitForHooks(p.rule.id, 4);
    await engine.idle();
    const events = await settledEvents(p.project);
    expect(events[0]!.deliveries.map((d) => d.state)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(log.lines.some((l) => l.includes(`rule "give-up", attempt 4) failed: HTTP 503`) && l.endsWith("giving up"))).toBe(true);
    await otel.shutdown();
  });

  //  user alice: two runs, $1.50 each, in the last 10 min → $3.00 ≥ $2.00: fires with forecast
  //  11 minutes later both runs are outside the window → $0: resolves
  it("fires a per-user window cost rule with a budget forecast, then resolves it", async () => {
    const p = await projectWithRule("window", {
      kind: "window_cost",
      threshold: 2,
      windowSec: 600,
      scope: "user",
      config: { dailyBudgetUsd: 1000 },
    });
    const otel = otelRun(collector.httpPort, p.key);
    for (const user of ["alice", "alice", "bob"]) {
      const root = otel.tracer.startSpan("invoke_workflow budget", { attributes: { "user.id": user } });
      otel.child(root, "chat gpt-4o", chatAttributes(1.5, 1000, 200, { "user.id": user })).end();
      root.end();
    }
    await otel.flush();
    await engine.idle();
    let offset = 0;
    const windowEngine = createAlertEngine({
      pool,
      log,
      publicWebUrl: WEB,
      allowPrivateWebhooks: true,
      now: () => Date.now() + offset,
    });
    await windowEngine.evaluateWindows();
    await windowEngine.deliverDue();
    const [fired] = await waitForHooks(p.rule.id, 1);
    const body = fired!.json as unknown as AlertPayload & { details: { forecast: { text: string } } };
    expect(body).toMatchObject({ type: "firing", status: "firing", subject: { scope: "user", key: "alice" }, value: 3, unit: "usd" });
    expect(body.message).toMatch(/^Cost of user "alice" over the last 10 min is \$3\.00 \(2 runs\), crossing the \$2\.00 threshold\. At this rate the daily budget of \$1000\.00 /);
    expect(body.details.forecast.text).toMatch(/daily budget of \$1000\.00/);
    // Evaluated again, still over: no second notification (no re-notify interval).
    await windowEngine.evaluateWindows();
    await windowEngine.deliverDue();
    expect(hooksOf(p.rule.id)).toHaveLength(1);

    offset = 11 * 60_000;
    await windowEngine.evaluateWindows();
    await windowEngine.deliverDue();
    const [, resolved] = await waitForHooks(p.rule.id, 2);
    expect(resolved!.json).toMatchObject({ type: "resolved", status: "resolved", eventId: body.eventId, value: 0 });
    expect((resolved!.json as { message: string }).message).toBe('Resolved: cost of user "alice" over the last 10 min is $0.00, back under $2.00.');
    // The receiver has the hook before the sender records the answer (and the suite's
    // own engine may be the sender): wait for the delivery rows to settle.
    const events = await settledEvents(p.project);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: "resolved", dedupeKey: expect.stringMatching(/^user:alice@resolved:/) });
    expect(events[0]!.deliveries.map((d) => [d.body.type, d.state])).toEqual([
      ["firing", "delivered"],
      ["resolved", "delivered"],
    ]);
    await windowEngine.stop();
    await otel.shutdown();
  });
});

/**
 * The engine across restarts and evictions, fed by the real ingest path: a retry queued
 * by one engine is sent by the next one after a restart (the schedule lives in
 * alert_deliveries.next_attempt_at), and a loop whose run's detector was evicted
 * between commits is still caught, the detector rebuilt from the stored spans.
 */
import { ensureProject, listAlertEvents, SpanIngest } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import { describe, expect, it } from "vitest";
import { createAlertEngine } from "./alert-engine";
import { createRule } from "./rule-service";
import { RuleInputSchema } from "./rule-schema";
import { memoryLog } from "./test-support/silent-log";
import { searchSpan } from "./test-support/tool-spans";
import { useAlertsDatabase } from "./test-support/alerts-database";

describe("alert engine restarts and evictions", () => {
  const fx = useAlertsDatabase(4);


  async function setup(slug: string, rule: Record<string, unknown>) {
    const project = (await ensureProject(fx.prisma, slug, slug)).project.id;
    const created = await createRule(fx.pool, project, RuleInputSchema.parse({ name: slug, webhookUrl: fx.receiver.url, ...rule }), { allowPrivateWebhooks: true });
    return { project, ruleId: created.rule.id };
  }
  const common = { log: memoryLog(), publicWebUrl: "http://onset.test", allowPrivateWebhooks: true };

  it("resumes a queued retry after a restart", async () => {
    const { project, ruleId } = await setup("resume", { kind: "run_cost", threshold: 0.1 });
    const first = createAlertEngine({ ...common, pool: fx.pool, delivery: { baseDelayMs: 300, jitter: 0 } });
    const ingest = new SpanIngest(fx.pool, { onCommitted: first.onCommitted });
    await ingest.start();
    const traceId = "c".repeat(32);
    fx.receiver.script.push(500);
    await ingest.write(project, [makeSpan({ traceId, spanId: "c".repeat(16), type: "llm", costUsd: 0.5, costSource: "reported", startTimeMs: Date.now() - 1000, endTimeMs: Date.now() })]);
    await ingest.close();
    await first.idle();
    // Firing kicks the worker at once (start() only adds polling): attempt 1 gets the 500.
    const waitUntil = async (cond: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error("timed out");
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const attempts = (n: string) => fx.receiver.received.filter((h) => h.headers["x-onset-attempt"] === n).length;
    await waitUntil(() => attempts("1") === 1);
    await first.stop(); // the process goes away with attempt 2 scheduled

    const before = (await listAlertEvents(fx.pool, project, { ruleId })).events[0]!.deliveries;
    expect(before.map((d) => [d.attempt, d.state, d.statusCode])).toEqual([
      [1, "failed", 500],
      [2, "pending", null],
    ]);
    expect(Date.parse(before[1]!.nextAttemptAt) - Date.parse(before[0]!.updatedAt)).toBe(300);

    const second = createAlertEngine({ ...common, pool: fx.pool, pollMs: 50 });
    second.start();
    await waitUntil(() => attempts("2") === 1);
    await second.stop();
    const after = (await listAlertEvents(fx.pool, project, { ruleId })).events[0]!.deliveries;
    expect(after.map((d) => [d.attempt, d.state, d.statusCode])).toEqual([
      [1, "failed", 500],
      [2, "delivered", 200],
    ]);
  });

  it("catches a loop across an eviction by rebuilding the run's detector from the database", async () => {
    const { project, ruleId } = await setup("evict", { kind: "loop", threshold: 3 });
    const engine = createAlertEngine({ ...common, pool: fx.pool, maxTrackedRuns: 1 });
    const ingest = new SpanIngest(fx.pool, { onCommitted: engine.onCommitted });
    await ingest.start();
    const A = "d".repeat(32);
    const B = "e".repeat(32);
    const t0 = Date.now() - 60_000;
    await ingest.write(project, [searchSpan(A, 1, t0), searchSpan(A, 2, t0)]);
    await ingest.write(project, [searchSpan(B, 1, t0)]); // evicts run A
    await engine.idle();
    expect(engine.stats()).toMatchObject({ trackedRuns: 1, loopRebuilds: 0 });
    await ingest.write(project, [searchSpan(A, 3, t0)]);
    await ingest.close();
    await engine.idle();
    expect(engine.stats().loopRebuilds).toBe(1);
    const { events } = await listAlertEvents(fx.pool, project, { ruleId });
    expect(events.map((e) => [e.traceId, e.spanId, e.value])).toEqual([[A, searchSpan(A, 2, t0).spanId, 3]]);
    await engine.stop();
  });
});

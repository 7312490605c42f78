/**
 * The worker's quiet-run job re-checks the run's per-run alert rules: a costly run whose
 * spans were committed with no rule check after them (the collector that committed them
 * was SIGKILLed before evaluating) fires its cost rule when the run goes quiet, and a
 * second job for the same run (a retry, or another worker) fires nothing more.
 */
import { createAlertEngine, createRule, RuleInputSchema, type AlertEngine } from "@onset/alerts";
import { memoryLog } from "@onset/alerts/test-support";
import { listAlertEvents } from "@onset/db";
import { makeSpan, useIngestFixture } from "@onset/db/test-support";
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { until } from "../test-support/until";
import { JOBS, openJobQueue } from "./job-queue";
import { startWorker } from "./worker-role";

const COSTLY = "e".repeat(32);
const log = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

describe("the quiet-run job re-checks per-run rules", () => {
  const fx = useIngestFixture();
  let boss: PgBoss;
  let engine: AlertEngine;
  let stopWorker: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await stopWorker?.();
    await boss?.stop({ graceful: true, timeout: 5_000, wait: true });
    await engine?.stop();
  });

  it("fires a lost check's alert once when the run goes quiet", async () => {
    const { rule } = await createRule(fx.pool, fx.projectA, RuleInputSchema.parse({ name: "cost", kind: "run_cost", threshold: 0.5, webhookUrl: "http://127.0.0.1:9/hook" }), {
      allowPrivateWebhooks: true,
    });
    // The fixture's ingest has no alerts engine listening: the commit's rule check never happens.
    const t0 = Date.now() - 120_000;
    await fx.ingest.write(fx.projectA, [
      makeSpan({ traceId: COSTLY, spanId: "e".repeat(16), name: "agent", startTimeMs: t0, endTimeMs: t0 + 2000 }),
      makeSpan({ traceId: COSTLY, spanId: "f".repeat(16), parentSpanId: "e".repeat(16), type: "llm", costUsd: 0.8, costSource: "reported", startTimeMs: t0 + 10, endTimeMs: t0 + 900 }),
    ]);
    await fx.pool.query(`UPDATE traces SET updated_at = now() - interval '1 hour'`);
    expect((await listAlertEvents(fx.pool, fx.projectA, { ruleId: rule.id })).events).toHaveLength(0);

    const url = (fx.pool.options as { connectionString: string }).connectionString;
    boss = await openJobQueue(url, { expireSeconds: 30, maintenanceSeconds: 1 }, { supervise: true, onError: (e) => log.error(e.message) });
    engine = createAlertEngine({ pool: fx.pool, log: memoryLog(), publicWebUrl: "http://onset.test", allowPrivateWebhooks: true });
    stopWorker = await startWorker({ boss, pool: fx.pool, alerts: engine, quietMs: 60_000, scanEveryMs: 1_000, windowEvalMs: 60_000, deliverEveryMs: 60_000, log });

    const completed = async () =>
      (
        await fx.pool.query<{ output: { alerts?: number } }>(
          `SELECT output FROM pgboss.job WHERE name = $1 AND state = 'completed' UNION ALL SELECT output FROM pgboss.archive WHERE name = $1 AND state = 'completed'`,
          [JOBS.analyzeRun],
        )
      ).rows.map((r) => r.output.alerts);
    await until("the run's analysis job completed", async () => (await completed()).length === 1, 90_000);
    expect(await completed()).toEqual([1]);
    const events = (await listAlertEvents(fx.pool, fx.projectA, { ruleId: rule.id })).events;
    expect(events.map((e) => [e.traceId, e.spanId, e.value])).toEqual([[COSTLY, "f".repeat(16), 0.8]]);

    // The same run's job once more: analysis current, no second alert.
    await boss.send(JOBS.analyzeRun, { projectId: fx.projectA, traceId: COSTLY });
    await until("the second job completed", async () => (await completed()).length === 2, 90_000);
    expect((await completed()).sort()).toEqual([0, 1]);
    expect((await listAlertEvents(fx.pool, fx.projectA, { ruleId: rule.id })).events).toHaveLength(1);
  }, 240_000);
});

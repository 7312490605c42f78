/**
 * Two workers on one database share the Postgres job queue: every quiet run is analyzed
 * by exactly one of them (however often both scans list it), the periodic jobs exist
 * once per time slot whichever worker offered them, and a job taken by a worker that
 * died (fetched, never finished) expires and is run by a live one.
 */
import type { Pool } from "@onset/db";
import { makeSpan, useIngestFixture } from "@onset/db/test-support";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../test-support/until";
import { JOBS, openJobQueue } from "./job-queue";
import { startWorker } from "./worker-role";

const RUNS = Array.from({ length: 8 }, (_, i) => (i + 1).toString(16).padStart(32, "0"));
/** A run still receiving spans (not quiet): only the dead worker's job analyzes it. */
const LATE = "f".repeat(32);
const t0 = Date.UTC(2026, 10, 20, 12);
// Expiry well above one analysis (the first one also starts the analysis thread), as
// ONSET_JOB_EXPIRE_SECONDS must be above ONSET_ANALYSIS_TIMEOUT_MS in production.
const quiet = { expireSeconds: 10, maintenanceSeconds: 1 };
const log = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

/** Every analyze-run job that finished, with its run and outcome (live and archived rows). */
async function analyzeJobs(pool: Pool): Promise<{ key: string; outcome: string; retries: number }[]> {
  const r = await pool.query<{ key: string; outcome: string; retries: number }>(
    `SELECT singleton_key AS key, output->>'outcome' AS outcome, retry_count AS retries FROM pgboss.job WHERE name = $1 AND state = 'completed'
     UNION ALL
     SELECT singleton_key, output->>'outcome', retry_count FROM pgboss.archive WHERE name = $1 AND state = 'completed'`,
    [JOBS.analyzeRun],
  );
  return r.rows;
}

describe("workers on the Postgres job queue", () => {
  const fx = useIngestFixture();
  let url: string;
  const bosses: PgBoss[] = [];
  /** When the workers started: the hourly job's slots are the clock hours since. */
  let startedAt = 0;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    url = (fx.pool.options as { connectionString: string }).connectionString;
    for (const traceId of RUNS) {
      await fx.ingest.write(fx.projectA, [
        makeSpan({ traceId, spanId: "a000000000000001", name: "agent", startTimeMs: t0, endTimeMs: t0 + 1000 }),
        makeSpan({ traceId, spanId: "b000000000000001", parentSpanId: "a000000000000001", name: "step", startTimeMs: t0 + 10, endTimeMs: t0 + 500 }),
      ]);
    }
    await fx.pool.query(`UPDATE traces SET updated_at = now() - interval '1 hour'`);
    await fx.ingest.write(fx.projectA, [makeSpan({ traceId: LATE, spanId: "c000000000000001", name: "late", startTimeMs: t0, endTimeMs: t0 + 5 })]);
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });

  const startOne = async () => {
    const boss = await openJobQueue(url, quiet, { supervise: true, onError: (e) => log.error(e.message) });
    bosses.push(boss);
    stops.push(() => boss.stop({ graceful: true, timeout: 5_000, wait: true }));
    const alerts = { evaluateWindows: async () => {}, deliverDue: async () => 0, recheckRun: async () => 0 };
    stops.push(await startWorker({ boss, pool: fx.pool, alerts, quietMs: 60_000, scanEveryMs: 1_000, windowEvalMs: 1_000, deliverEveryMs: 1_000, log }));
  };

  it("runs a job again when the worker that took it died, and analyzes each quiet run once", async () => {
    // A queue client takes a job and never finishes it, as a SIGKILLed worker would.
    const dead = await openJobQueue(url, quiet, { supervise: false, onError: () => {} });
    const id = await dead.send(JOBS.analyzeRun, { projectId: fx.projectA, traceId: LATE }, { singletonKey: `${fx.projectA}/${LATE}` });
    const [job] = (await dead.fetch(JOBS.analyzeRun)) ?? [];
    expect(job?.id).toBe(id);
    await dead.stop({ graceful: false, wait: true });

    startedAt = Date.now();
    await Promise.all([startOne(), startOne()]);
    await until("the job retried and completed by a live worker", async () => (await bosses[0]!.getJobById(JOBS.analyzeRun, id!))?.state === "completed");
    const retried = await bosses[0]!.getJobById(JOBS.analyzeRun, id!);
    expect(retried?.retryCount).toBe(1);
    expect(retried?.output).toEqual({ outcome: "analyzed", spanCount: 1, alerts: 0 });

    await until("every quiet run analyzed", async () => {
      const r = await fx.pool.query(`SELECT count(*)::int AS n FROM traces WHERE analyzed_at = updated_at`);
      return r.rows[0].n === RUNS.length + 1;
    });
    // Let both workers scan a few more times: nothing is analyzed again.
    await new Promise((r) => setTimeout(r, 3_000));
    // One job's work per run: "analyzed", or (a job expired while its worker was slow)
    // its retry found the first attempt's analysis stored.
    const analyzed = (await analyzeJobs(fx.pool)).filter((j) => j.outcome === "analyzed" || (j.outcome === "current" && j.retries > 0)).map((j) => j.key);
    expect(analyzed.sort()).toEqual([...RUNS, LATE].map((t) => `${fx.projectA}/${t}`).sort());
  }, 60_000);

  it("offers each periodic job once per time slot whichever worker offered it", async () => {
    const r = await fx.pool.query<{ name: string; slots: number; jobs: number }>(
      `SELECT name, count(DISTINCT singleton_on)::int AS slots, count(*)::int AS jobs
         FROM (SELECT name, singleton_on FROM pgboss.job UNION ALL SELECT name, singleton_on FROM pgboss.archive) j
        WHERE name = ANY($1) GROUP BY name`,
      [[JOBS.scanQuietRuns, JOBS.evaluateWindows, JOBS.deliverAlerts, JOBS.applyRetention]],
    );
    expect(r.rows).toHaveLength(4);
    // Hourly: one retention job per clock hour, whichever of the two workers offered it; a
    // test that crossed the hour may have seen two hours (and the second offered or not yet).
    const hours = Math.floor(Date.now() / 3_600_000) - Math.floor(startedAt / 3_600_000) + 1;
    const retention = r.rows.find((row) => row.name === JOBS.applyRetention)?.jobs ?? 0;
    expect(retention).toBeGreaterThanOrEqual(1);
    expect(retention).toBeLessThanOrEqual(hours);
    for (const row of r.rows) expect(row.jobs).toBe(row.slots);
  });
});

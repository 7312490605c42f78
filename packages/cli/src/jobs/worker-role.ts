/**
 * What a worker process does (`onset start --role worker`, and the `all` role): takes
 * background jobs off the Postgres queue — quiet-run scans and per-run analyses (each
 * followed by a re-check of the run's per-run alert rules), window
 * rule evaluation, alert delivery passes, retention — and keeps the periodic ones coming. Every
 * worker offers the periodic jobs each tick; pg-boss's throttle (one job per name and
 * time slot, a unique index) keeps exactly one per slot however many workers offer it,
 * and whichever worker fetches it first runs it. A job whose worker dies stays "active"
 * until it expires; the next maintenance pass (any worker) puts it back for another.
 */
import { analyzeQuietRun, warmAnalysis } from "@onset/analysis-service";
import type { AlertEngine } from "@onset/alerts";
import { applyRetention, listQuietRuns, type Pool } from "@onset/db";
import type PgBoss from "pg-boss";
import { JOBS } from "./job-queue";

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  boss: PgBoss;
  pool: Pool;
  /** The alerts engine whose window evaluation, per-run re-checks and delivery the jobs run (its own timers unused). */
  alerts: Pick<AlertEngine, "evaluateWindows" | "deliverDue" | "recheckRun">;
  /** A run with no new span for this long is analyzed. */
  quietMs: number;
  /** How often quiet runs are looked for. */
  scanEveryMs: number;
  /** How often window rules are evaluated. */
  windowEvalMs: number;
  /** How often due alert deliveries are looked for. */
  deliverEveryMs: number;
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
}

/** A run to analyze, as an analyze-run job carries it. */
interface RunRef {
  projectId: string;
  traceId: string;
}

/** How often per-project retention runs (one job per hour however many workers). */
const RETENTION_EVERY_MS = 3600_000;

/** Most quiet runs one scan queues (the next scan queues the rest). */
const SCAN_LIMIT = 500;

/** Registers the job handlers and the periodic offers; the returned function stops both. */
export async function startWorker(o: WorkerOptions): Promise<() => Promise<void>> {
  const { boss } = o;
  await warmAnalysis();
  const poll = { pollingIntervalSeconds: 0.5 };
  await boss.work(JOBS.scanQuietRuns, poll, async () => {
    const runs = await listQuietRuns(o.pool, o.quietMs, SCAN_LIMIT);
    // Stately queue keyed by run: a run already queued is not queued twice.
    for (const run of runs) await boss.send(JOBS.analyzeRun, run, { singletonKey: `${run.projectId}/${run.traceId}` });
    return { listed: runs.length };
  });
  // Analyses run one fetched job at a time, back to back while there are any: pg-boss's
  // work() waits out its polling interval after every fetch (2 jobs/s at best), and a
  // fetched batch would start every job's expiry clock at once.
  const analyses = analyzeLoop(o);
  await boss.work(JOBS.evaluateWindows, poll, async () => {
    await o.alerts.evaluateWindows();
  });
  await boss.work(JOBS.deliverAlerts, poll, async () => ({ attempts: await o.alerts.deliverDue() }));
  await boss.work(JOBS.applyRetention, poll, async () => {
    const r = await applyRetention(o.pool, new Date(), (m) => o.log.info(m));
    return { deletedRuns: r.deletedRuns, droppedPartitions: r.droppedPartitions.length };
  });

  const periodic: [string, number][] = [
    [JOBS.scanQuietRuns, o.scanEveryMs],
    [JOBS.evaluateWindows, o.windowEvalMs],
    [JOBS.deliverAlerts, o.deliverEveryMs],
    [JOBS.applyRetention, RETENTION_EVERY_MS],
  ];
  const offer = async () => {
    for (const [name, everyMs] of periodic) {
      await boss.sendThrottled(name, {}, {}, Math.max(1, Math.round(everyMs / 1000)));
    }
  };
  let offering: Promise<void> | null = null;
  const tick = () => {
    offering ??= offer()
      .catch((err: unknown) => o.log.error(`could not queue periodic jobs: ${(err as Error).message}`))
      .finally(() => (offering = null));
  };
  tick();
  const timer = setInterval(tick, 1_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await offering;
    await analyses.stop();
    for (const name of Object.values(JOBS)) if (name !== JOBS.analyzeRun) await boss.offWork(name);
  };
}

/** Fetches and runs analyze-run jobs one at a time until stopped; idles 0.5 s when none is queued. */
function analyzeLoop(o: WorkerOptions): { stop: () => Promise<void> } {
  let stopped = false;
  let wake: (() => void) | null = null;
  const idle = () => new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 500);
    wake = () => { clearTimeout(t); resolve(); };
  });
  const loop = (async () => {
    while (!stopped) {
      let jobs: PgBoss.Job<RunRef>[] = [];
      try {
        jobs = await o.boss.fetch<RunRef>(JOBS.analyzeRun);
      } catch (err) {
        o.log.error(`could not fetch analysis jobs: ${(err as Error).message}`);
      }
      if (jobs.length === 0) {
        await idle();
        continue;
      }
      for (const job of jobs) {
        try {
          const result = await analyzeQuietRun(o.pool, job.data, {
            onError: (run, err) => o.log.warn(`analysis of run ${run.traceId} failed: ${(err as Error).message}`),
          });
          // The run's per-run rules once more, from what is stored: a collector killed between
          // a commit and its rule check lost that check (events are unique per rule and run,
          // so an alert already fired is not fired again, and a retried job is harmless).
          const alerts = await o.alerts.recheckRun(job.data.projectId, job.data.traceId);
          await o.boss.complete(JOBS.analyzeRun, job.id, { ...result, alerts });
        } catch (err) {
          // The database failed under the job: let pg-boss retry it.
          await o.boss.fail(JOBS.analyzeRun, job.id, { message: (err as Error).message }).catch(() => undefined);
        }
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}

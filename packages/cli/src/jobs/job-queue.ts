/**
 * The Postgres job queue background work runs on (pg-boss, docs/adr/0009-postgres-job-queue.md): the queue
 * names, their policies, and opening the queue against the database Onset stores in
 * (its own `pgboss` schema, created and migrated by pg-boss under an advisory lock, so
 * any number of processes may open it at once).
 */
import { createPool } from "@onset/db";
import PgBoss from "pg-boss";

/** The background jobs and their queues. */
export const JOBS = {
  /** Lists runs that went quiet and queues one analyze-run job per run. Throttled: one per slot. */
  scanQuietRuns: "scan-quiet-runs",
  /** Analyzes one quiet run (stately per run: at most one queued and one running). */
  analyzeRun: "analyze-run",
  /** Evaluates every enabled window rule. Throttled: one per evaluation interval. */
  evaluateWindows: "evaluate-windows",
  /** Sends the alert deliveries due now (alert_deliveries keeps attempts, backoff and leases). */
  deliverAlerts: "deliver-alerts",
  /** Applies per-project retention (packages/db applyRetention). Throttled: one per hour. */
  applyRetention: "apply-retention",
} as const;

/** A job queue name. */
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Timing of the queue (env: ONSET_JOB_EXPIRE_SECONDS, ONSET_JOB_MAINTENANCE_SECONDS). */
export interface JobQueueSettings {
  /** A job running longer than this is failed and retried by another worker (its worker died). */
  expireSeconds: number;
  /** How often one process checks for expired jobs (pg-boss maintenance). */
  maintenanceSeconds: number;
}

/** Reads the queue settings from the environment. */
export function jobQueueSettings(env: NodeJS.ProcessEnv = process.env): JobQueueSettings {
  const secs = (v: string | undefined, d: number) => {
    const n = Number(v);
    return v && Number.isInteger(n) && n >= 1 ? n : d;
  };
  return { expireSeconds: secs(env.ONSET_JOB_EXPIRE_SECONDS, 120), maintenanceSeconds: secs(env.ONSET_JOB_MAINTENANCE_SECONDS, 30) };
}

const POLICIES: Record<JobName, PgBoss.QueuePolicy> = {
  [JOBS.scanQuietRuns]: "standard",
  [JOBS.analyzeRun]: "stately",
  [JOBS.evaluateWindows]: "standard",
  [JOBS.deliverAlerts]: "standard",
  [JOBS.applyRetention]: "standard",
};

/**
 * Starts pg-boss on `databaseUrl` and makes sure every queue exists with the current
 * settings. `supervise` (expiring the jobs of dead workers) is for worker processes.
 */
export async function openJobQueue(
  databaseUrl: string,
  s: JobQueueSettings,
  opts: { supervise: boolean; onError: (err: Error) => void },
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 4,
    supervise: opts.supervise,
    schedule: false,
    maintenanceIntervalSeconds: s.maintenanceSeconds,
    archiveCompletedAfterSeconds: 3600,
  });
  boss.on("error", opts.onError);
  // Processes starting together would deadlock in pg-boss's start-up and queue set-up
  // (seen with two workers): one process at a time, under an advisory lock.
  const lockPool = createPool(databaseUrl, 1);
  const lock = await lockPool.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('onset:job-queue-setup'))`);
    await boss.start();
    for (const name of Object.values(JOBS)) {
      const settings = { retryLimit: 3, retryDelay: 1, expireInSeconds: s.expireSeconds };
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: POLICIES[name], ...settings });
      await boss.updateQueue(name, { name, ...settings });
    }
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('onset:job-queue-setup'))`).catch(() => undefined);
    lock.release();
    await lockPool.end();
  }
  return boss;
}

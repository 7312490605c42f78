/**
 * The collector process: OTLP/HTTP on 4318 and OTLP/gRPC on 4317 writing through one
 * SpanIngest. `startCollector` is used by `onset start` (in-process) and by tests.
 */
import type http from "node:http";
import { createPool, createPrisma, SpanIngest, type CommittedBatch, type Pool, type Prisma } from "@onset/db";
import pino, { type Logger } from "pino";
import { KeyResolver } from "./auth";
import { collectorConfig, type CollectorConfig } from "./config";
import { startGrpcServer, type GrpcReceiver } from "./grpc-server";
import { createHttpServer } from "./http-server";
import { IngestQuotas } from "./quotas";
import { startRuntimeStats } from "./runtime-stats";

/** Options of {@link startCollector}. */
export interface StartCollectorOptions {
  databaseUrl: string;
  config?: Partial<CollectorConfig>;
  log?: Logger;
  /** Called after each committed batch (alerts, live analysis). */
  onCommitted?: (batch: CommittedBatch) => void | Promise<void>;
  /** False when workers run retention on the job queue (`onset start`); default: hourly here. */
  retention?: boolean;
}

/** A running collector. */
export interface RunningCollector {
  httpPort: number;
  grpcPort: number;
  pool: Pool;
  prisma: Prisma;
  ingest: SpanIngest;
  /** Stops accepting, commits what was acknowledged-pending, closes connections. */
  close: () => Promise<void>;
}

/** Starts both receivers; resolves once they listen. */
export async function startCollector(opts: StartCollectorOptions): Promise<RunningCollector> {
  const config = { ...collectorConfig(), ...opts.config };
  const log = opts.log ?? pino({ name: "collector" });
  const pool = createPool(opts.databaseUrl, 12);
  const prisma = createPrisma(opts.databaseUrl, 3);
  const ingest = new SpanIngest(pool, {
    maxQueuedSpans: config.maxQueuedSpans,
    maxBatchSpans: config.ingestBatchSpans,
    concurrency: config.ingestConcurrency,
    lingerMs: config.ingestLingerMs,
    onCommitted: opts.onCommitted,
    retentionIntervalMs: opts.retention === false ? null : undefined,
    onError: (err) => log.error({ err }, "ingest flush failed"),
    log: (m) => log.info(m),
  });
  await ingest.start();
  const keys = new KeyResolver(prisma);
  let lastHealthy = 0;
  const healthy = async () => {
    if (Date.now() - lastHealthy < 1000) return true;
    await pool.query("SELECT 1 FROM _prisma_migrations LIMIT 1");
    lastHealthy = Date.now();
    return true;
  };
  const quotas = new IngestQuotas(config, config.maxQueuedSpans);
  const deps = { keys, ingest, pool, log, config, healthy, quotas };
  const httpServer = createHttpServer(deps);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.httpPort, config.host, () => resolve());
  });
  let grpcReceiver: GrpcReceiver;
  try {
    grpcReceiver = await startGrpcServer(deps);
  } catch (err) {
    httpServer.close();
    throw new Error(`OTLP/gRPC could not listen on ${config.host}:${config.grpcPort}: ${(err as Error).message}`);
  }
  const httpPort = (httpServer.address() as { port: number }).port;
  const stopStats = startRuntimeStats(log, config.statsIntervalMs);
  return {
    httpPort,
    grpcPort: grpcReceiver.port,
    pool,
    prisma,
    ingest,
    close: async () => {
      stopStats();
      await grpcReceiver.close();
      await closeHttp(httpServer);
      await ingest.close();
      await pool.end();
      await prisma.$disconnect();
    },
  };
}

function closeHttp(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

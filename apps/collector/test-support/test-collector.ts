/**
 * A collector started in-process against a fresh migrated database (cloned from the
 * template packages/db's vitest global setup made), with two projects, an API key each
 * and the bundled price table seeded, so tests talk to it exactly as an exporter would.
 */
import { createApiKey, createPrisma, ensureProject, seedGenaiPrices, type CreatedApiKey, type Prisma } from "@onset/db";
import { createTestDatabase, useFixture, type TestDatabase } from "@onset/db/test-support";
import pino from "pino";
import { startCollector, type RunningCollector } from "../src/collector";
import { collectorConfig, type CollectorConfig } from "../src/config";

/** A project and the key that writes into it. */
export interface TestProject {
  id: string;
  key: CreatedApiKey;
}

/** A running collector, its database, and two projects with keys. */
export interface TestCollector {
  collector: RunningCollector;
  db: TestDatabase;
  /** Prisma on the test database (for keys and projects made during a test). */
  prisma: Prisma;
  /** http://127.0.0.1:<port>/v1/traces */
  tracesUrl: string;
  /** http://127.0.0.1:<port> (gRPC exporters take the bare address as url). */
  grpcUrl: string;
  projectA: TestProject;
  projectB: TestProject;
  /** The configuration in effect (environment defaults plus the test's overrides). */
  config: CollectorConfig;
  close: () => Promise<void>;
}

/** Starts a collector on ephemeral loopback ports with `config` overrides. */
export async function startTestCollector(config: Partial<CollectorConfig> = {}): Promise<TestCollector> {
  const db = await createTestDatabase();
  const prisma = createPrisma(db.url, 2);
  const a = (await ensureProject(prisma, "project-a", "Project A")).project;
  const b = (await ensureProject(prisma, "project-b", "Project B")).project;
  const projectA = { id: a.id, key: await createApiKey(prisma, a.id, { name: "a" }) };
  const projectB = { id: b.id, key: await createApiKey(prisma, b.id, { name: "b" }) };
  const effective = { ...collectorConfig(), httpPort: 0, grpcPort: 0, host: "127.0.0.1", ...config };
  const collector = await startCollector({
    databaseUrl: db.url,
    config: effective,
    log: pino({ level: process.env.ONSET_TEST_LOG ?? "silent" }),
  });
  // Prices are seeded after start-up (as an operator's first start would), then the
  // in-memory table is refreshed so computed costs are in effect for the first export.
  await seedGenaiPrices(collector.pool);
  await collector.ingest.reloadPrices();
  return {
    collector,
    db,
    prisma,
    tracesUrl: `http://127.0.0.1:${collector.httpPort}/v1/traces`,
    grpcUrl: `http://127.0.0.1:${collector.grpcPort}`,
    projectA,
    projectB,
    config: effective,
    close: async () => {
      await collector.close();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

/**
 * Starts a collector with `config` overrides before the enclosing describe's tests and
 * closes it after them; the object returned stands for the running collector (read its
 * fields inside tests and hooks).
 */
export function useTestCollector(config: Partial<CollectorConfig> = {}): TestCollector {
  return useFixture(() => startTestCollector(config));
}

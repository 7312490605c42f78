/**
 * Test-file lifecycles in one line: a fixture opened before the enclosing describe's
 * tests and closed after them, instead of a `let` plus a beforeAll and an afterAll in
 * every file. The object returned stands for the fixture once it is open: read its
 * fields inside tests and hooks (reading one before it opened throws, saying which).
 */
import type { Pool } from "pg";
import { afterAll, beforeAll } from "vitest";
import { createPool } from "../pool";
import { createPrisma, type Prisma } from "../prisma-client";
import { openIngestFixture, type IngestFixture } from "./ingest-fixture";
import { createTestDatabase } from "./test-database";

/** Opens `open()`'s fixture in beforeAll and calls its `close` in afterAll; returns a stand-in for it. */
export function useFixture<T extends { close: () => Promise<void> }>(open: () => Promise<T>): T {
  let opened: T | undefined;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => {
    await opened?.close();
  });
  return new Proxy({} as T, {
    get(_, field) {
      if (!opened) throw new Error(`the test fixture is not open yet (read of ${String(field)} outside a test or hook)`);
      return opened[field as keyof T];
    },
  });
}

/** A fresh migrated database with a pool and a Prisma client on it; `close` releases all three. */
export interface DatabaseFixture {
  url: string;
  pool: Pool;
  prisma: Prisma;
  close: () => Promise<void>;
}

/** Opens a {@link DatabaseFixture} (`poolSize` connections at most in the pool). */
export async function openDatabaseFixture(poolSize?: number): Promise<DatabaseFixture> {
  const db = await createTestDatabase();
  const pool = createPool(db.url, poolSize);
  const prisma = createPrisma(db.url);
  return {
    url: db.url,
    pool,
    prisma,
    close: async () => {
      await pool.end();
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

/** A {@link DatabaseFixture} for the enclosing describe. */
export function useDatabaseFixture(poolSize?: number): DatabaseFixture {
  return useFixture(() => openDatabaseFixture(poolSize));
}

/** An {@link IngestFixture} for the enclosing describe (`beforeStart` as openIngestFixture takes it). */
export function useIngestFixture(beforeStart?: (pool: Pool) => Promise<unknown>): IngestFixture {
  return useFixture(() => openIngestFixture(beforeStart));
}

/**
 * A real database for route tests (cloned from packages/db's migrated template) wired
 * into serverContext() the way `onset start` wires the web process: DATABASE_URL.
 */
import { createTestDatabase, type TestDatabase } from "@onset/db/test-support";
import { serverContext } from "../context";

/** Points the route handlers at a fresh database; `close` disconnects and drops it. */
export async function useTestServer(): Promise<{ db: TestDatabase; close: () => Promise<void> }> {
  const db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const g = globalThis as unknown as { __onsetContext?: unknown };
  delete g.__onsetContext;
  return {
    db,
    close: async () => {
      const ctx = serverContext();
      await ctx.prisma.$disconnect();
      await ctx.pool.end();
      delete g.__onsetContext;
      await db.drop();
    },
  };
}

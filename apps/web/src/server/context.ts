/**
 * Server-side handles for route handlers: one pg pool and one Prisma client per process
 * (kept on globalThis so dev reloads do not leak connections). Pages never use these
 * directly; they call the JSON API through react-query (docs/spec/design.md §3.6).
 */
import { createPool, createPrisma, type Pool, type Prisma } from "@onset/db";

interface ServerContext {
  pool: Pool;
  prisma: Prisma;
}

const g = globalThis as unknown as { __onsetContext?: ServerContext };

/** The process-wide database handles (DATABASE_URL is set by `onset start`). */
export function serverContext(): ServerContext {
  if (!g.__onsetContext) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the web app through `npm start` (onset start)");
    g.__onsetContext = { pool: createPool(url, 10), prisma: createPrisma(url, 5) };
  }
  return g.__onsetContext;
}

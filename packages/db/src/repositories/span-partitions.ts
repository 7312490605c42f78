/**
 * Monthly partitions of `spans` and of the content store `span_contents`
 * (docs/adr/0002-storage-layout.md, docs/adr/0008-content-store.md). Created for the previous,
 * current and next two months at start-up and every six hours after; rows outside them
 * land in the default partitions. Creating a month the default already holds rows for
 * would fail, so that month is skipped (its rows stay in the default partition).
 */
import type { Pool } from "pg";

/** The monthly-partitioned tables. */
export const MONTHLY_TABLES = ["spans", "span_contents"] as const;

/** Partition table name of `table` (spans by default) for the month containing `d` (UTC). */
export function partitionName(d: Date, table: (typeof MONTHLY_TABLES)[number] = "spans"): string {
  return `${table}_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Ensures monthly partitions from `monthsBack` before to `monthsAhead` after `now`. */
export async function ensureSpanPartitions(
  pool: Pool,
  now = new Date(),
  monthsBack = 1,
  monthsAhead = 2,
  log?: (msg: string) => void,
): Promise<string[]> {
  const created: string[] = [];
  for (let i = -monthsBack; i <= monthsAhead; i++) {
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i + 1, 1));
    for (const table of MONTHLY_TABLES) {
      const name = partitionName(from, table);
      const exists = await pool.query("SELECT 1 FROM pg_class WHERE relname = $1", [name]);
      if (exists.rowCount) continue;
      try {
        await pool.query(
          `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF ${table} FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
        );
        created.push(name);
      } catch (err) {
        log?.(`could not create partition ${name}: ${(err as Error).message}; its rows stay in ${table}_default`);
      }
    }
  }
  return created;
}

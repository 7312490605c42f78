/**
 * Applies prisma/migrations to a database without Prisma's schema engine (which cannot
 * be downloaded here; docs/spec/design.md §6), recording each in Prisma's own `_prisma_migrations`
 * table so `prisma migrate deploy`/`status` agree with us wherever the engine exists.
 * A session-level advisory lock makes two processes starting at once safe: the second
 * waits, then finds everything applied.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { readMigrations, type MigrationFile } from "./migrations-dir";

/** Arbitrary constant: the advisory lock key all Onset migrators agree on. */
const MIGRATION_LOCK_KEY = 72_817_311;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** What {@link applyMigrations} did. */
export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Applies every pending migration in order, each in its own transaction. */
export async function applyMigrations(
  databaseUrl: string,
  opts: { migrations?: MigrationFile[]; log?: (msg: string) => void } = {},
): Promise<MigrateResult> {
  const migrations = opts.migrations ?? readMigrations();
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const done = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const byName = new Map(done.rows.map((r) => [r.migration_name, r]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      const row = byName.get(m.name);
      if (row?.finished_at) {
        if (row.checksum !== m.checksum) {
          log(`warning: migration ${m.name} was modified after it was applied (checksum differs)`);
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      if (row) {
        throw new Error(
          `migration ${m.name} started earlier but never finished; inspect the database, then mark it rolled back in _prisma_migrations`,
        );
      }
      await applyOne(client, m);
      log(`applied migration ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, m.checksum, m.name],
    );
    await client.query(m.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw new Error(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

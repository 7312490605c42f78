/**
 * The database a one-shot command (import) writes to: DATABASE_URL, the running
 * `onset start`'s embedded database, or the embedded one under ONSET_DATA_DIR started
 * just for this command; in every case migrated with the same migrator `onset start`
 * uses (under its advisory lock), so `onset import` works before the first start.
 */
import { applyMigrations, openDatabase, type OpenDatabase } from "@onset/db/runtime";
import { CliError } from "./cli-error";

/** Opens and migrates the database, reporting what it does through `log`. */
export async function openMigratedDatabase(log: (line: string) => void): Promise<OpenDatabase> {
  let db: OpenDatabase;
  try {
    db = await openDatabase({ attachIfRunning: true, log });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nset DATABASE_URL to use another PostgreSQL, or ONSET_DATA_DIR for another data directory`);
  }
  try {
    const migrated = await applyMigrations(db.url);
    if (migrated.applied.length) log(`applied ${migrated.applied.length} migration(s)`);
  } catch (err) {
    await db.stop();
    throw err;
  }
  return db;
}

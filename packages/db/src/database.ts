/**
 * Chooses the database: DATABASE_URL when set (start nothing), otherwise the embedded
 * PostgreSQL under ONSET_DATA_DIR (default ./.onset, relative to where the user ran npm).
 */
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedStatus } from "./embedded/embedded-postgres";

/** An open database choice; `stop` ends the embedded server (no-op for DATABASE_URL). */
export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** True when the embedded database is the one a running `onset start` serves. */
  attached: boolean;
  dataDir: string;
  stop: () => Promise<void>;
}

/** ONSET_DATA_DIR resolved against the directory npm was started from (INIT_CWD). */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.INIT_CWD ?? process.cwd();
  return path.resolve(base, env.ONSET_DATA_DIR ?? ".onset");
}

/** Uses DATABASE_URL or starts the embedded database. */
export async function openDatabase(
  opts: { env?: NodeJS.ProcessEnv; log?: (msg: string) => void; attachIfRunning?: boolean } = {},
): Promise<OpenDatabase> {
  const env = opts.env ?? process.env;
  const dataDir = resolveDataDir(env);
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, attached: false, dataDir, stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres({
    dataDir,
    attachIfRunning: opts.attachIfRunning,
    onLog: (l) => env.ONSET_LOG_POSTGRES && opts.log?.(l.trimEnd()),
    onStatus: (status) => opts.log?.(statusLine(status, dataDir)),
  });
  return { url: pg.url, embedded: true, attached: pg.attached, dataDir, stop: pg.stop };
}

/** The line a user sees before the embedded database is used. */
function statusLine(status: EmbeddedStatus, dataDir: string): string {
  switch (status) {
    case "attaching":
      return `using the running database in ${dataDir}`;
    case "initialising":
      return `creating a new Onset database in ${dataDir} (set ONSET_DATA_DIR or DATABASE_URL to use another)`;
    case "starting":
      return `starting embedded PostgreSQL (data in ${dataDir})`;
  }
}

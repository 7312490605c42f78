/**
 * vitest globalSetup for packages whose tests need Postgres: starts one embedded cluster
 * for the whole run (or uses TEST_DATABASE_URL, an admin connection to a server you
 * run), migrates a template database, and hands its admin URL to the tests, which clone
 * the template per test file (createTestDatabase) so files never see each other's rows.
 * It also clears the caller's ONSET_* and DATABASE_URL variables: tests set what they
 * need themselves, so an exported ONSET_INIT_API_KEY (as in a CI that deploys Onset)
 * cannot change what they see.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../embedded/embedded-postgres";
import { applyMigrations } from "../migrate/migrate";
import { TEMPLATE_DB, withDatabase } from "./database-url";
import type {} from "./test-database"; // brings its ProvidedContext typing

/** Starts the shared test cluster and migrates the template database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  clearOnsetEnvironment();
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), "onset-test-pg-"));
    await chmod(dir, 0o755); // the server may run as `postgres` (we are root here)
    const pgHandle = await startEmbeddedPostgres({
      dataDir: dir,
      database: "postgres",
      settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "200" },
    });
    adminUrl = pgHandle.url;
    stop = async () => {
      await pgHandle.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await applyMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("onsetAdminUrl", adminUrl);
  return stop;
}

/**
 * Removes ONSET_* and DATABASE_URL from this (vitest main) process, before any worker
 * is forked: workers, and the servers tests spawn with `...process.env`, inherit the
 * cleaned environment. TEST_DATABASE_URL, the documented way in, is kept.
 */
function clearOnsetEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of Object.keys(env)) if (name.startsWith("ONSET_") || name === "DATABASE_URL") delete env[name];
}

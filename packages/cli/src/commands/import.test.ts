/**
 * `onset import` into a test database: the good runs land in the chosen project with
 * their steps; a broken file is reported and the batch goes on, but the command exits 1
 * and says how many failed; an unrecognised file, or a directory with nothing
 * recognisable, exits 1 saying so; importing again changes nothing (ids are derived
 * from the artifact's content).
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPool, findProject, createPrisma, listRuns, loadRunSpans } from "@onset/db";
import { createTestDatabase, type TestDatabase } from "@onset/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasStackTrace, runInProcess } from "../../test-support/cli-harness";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../importers/fixtures");

describe("onset import", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    dir = await mkdtemp(path.join(tmpdir(), "onset-import-"));
    await cp(path.join(fixtures, "swe-agent"), path.join(dir, "good", "swe"), { recursive: true });
    await cp(path.join(fixtures, "swe-agent"), path.join(dir, "mixed", "swe"), { recursive: true });
    await writeFile(path.join(dir, "mixed", "broken.traj"), "{ this is not json");
    await mkdir(path.join(dir, "configs-only"));
    await writeFile(path.join(dir, "configs-only", "settings.json"), JSON.stringify({ model: "gpt-4o", temperature: 0 }));
    await mkdir(path.join(dir, "empty"));
    await writeFile(path.join(dir, "unrecognised.json"), JSON.stringify({ hello: "world" }));
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    if (dir) await rm(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it("exits 0 when every file is imported, storing the runs with their steps; a re-import changes nothing", async () => {
    const run = await runInProcess(["import", path.join(dir, "good"), "--project", "imported"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 of 2 file\(s\) imported into project "imported"/);
    expect(run.stderr).not.toMatch(/^onset:/m);

    const pool = createPool(db.url, 2);
    const prisma = createPrisma(db.url, 1);
    try {
      const project = await findProject(prisma, "imported");
      const runs = (await listRuns(pool, project!.id)).runs;
      expect(runs).toHaveLength(2);
      const spans = await loadRunSpans(pool, project!.id, runs[0]!.traceId);
      expect(spans.some((s) => s.type === "tool" && typeof s.attributes["onset.step.index"] === "number")).toBe(true);
      expect(spans.every((s) => s.mapper === "import:swe-agent")).toBe(true);

      const before = runs.map((r) => [r.traceId, r.spanCount]);
      expect((await runInProcess(["import", path.join(dir, "good"), "--project", "imported"])).code).toBe(0);
      const after = (await listRuns(pool, project!.id)).runs.map((r) => [r.traceId, r.spanCount]);
      expect(after).toEqual(before);
    } finally {
      await pool.end();
      await prisma.$disconnect();
    }
  });

  it("a directory with one broken file imports the rest, lists the broken one, and exits 1", async () => {
    const run = await runInProcess(["import", path.join(dir, "mixed"), "--project", "mixed"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/2 of 3 file\(s\) imported into project "mixed"/);
    expect(run.stdout).toMatch(/failed: .*broken\.traj: .*not valid JSON/);
    expect(run.stderr).toMatch(/^onset: 1 of 3 file\(s\) could not be imported \(listed above\); the other 2 were$/m);
    expect(hasStackTrace(run.stderr + run.stdout)).toBe(false);
  });

  it("an unrecognised file exits 1 with one line per failure; --verbose lists every format tried", async () => {
    const file = path.join(dir, "unrecognised.json");
    const run = await runInProcess(["import", file]);
    expect(run.code).toBe(1);
    const failed = run.stdout.split("\n").filter((l) => l.includes("failed:"));
    expect(failed).toEqual([`  failed: ${file}: Unrecognised run artifact ${file}; formats tried (--verbose for the details)`]);
    expect(run.stdout).not.toContain("- swe-agent:");
    expect(run.stderr).toMatch(/^onset: 1 of 1 file\(s\) could not be imported/m);

    const verbose = await runInProcess(["--verbose", "import", file]);
    expect(verbose.code).toBe(1);
    expect(verbose.stdout).toMatch(/- swe-agent: /);
  });

  it("a directory with no run artifact in it exits 1 and says nothing was recognised", async () => {
    const run = await runInProcess(["import", path.join(dir, "configs-only")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 file\(s\) skipped \(not a run artifact\): .*settings\.json/);
    expect(run.stderr).toMatch(/^onset: nothing imported: none of the 1 file\(s\) under .*configs-only is a recognised run artifact$/m);
  });

  it("an empty directory exits 1 and names the extensions it looked for", async () => {
    const run = await runInProcess(["import", path.join(dir, "empty")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^onset: nothing to import: no \.json, \.jsonl, \.ndjson, \.traj files under .*empty$/m);
  });
});

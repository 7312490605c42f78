import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportProgress, importPath, listArtifactFiles } from "./import-path";
import { fixturePath, readFixture } from "./test-support/fixtures";

// A directory as users have them: artifacts in nested folders, one truncated .traj,
// an unrelated JSON (preds.json), a non-artifact file and a hidden folder.
//
//   root/
//     runs/a/marshmallow.traj        swe-agent
//     runs/b/broken.traj             truncated JSON -> failure
//     mini/acme.traj.json            mini-swe-agent
//     openhands/output.jsonl         openhands (2 runs)
//     session.jsonl                  claude-code
//     preds.json                     valid JSON, no known format -> skipped
//     README.md                      not a candidate extension -> not listed
//     .cache/old.traj                hidden -> not listed
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "onset-import-"));
  await mkdir(join(root, "runs/a"), { recursive: true });
  await mkdir(join(root, "runs/b"), { recursive: true });
  await mkdir(join(root, "mini"));
  await mkdir(join(root, "openhands"));
  await mkdir(join(root, ".cache"));
  const traj = readFixture("swe-agent/marshmallow-code__marshmallow-1867.traj");
  await writeFile(join(root, "runs/a/marshmallow.traj"), traj);
  await writeFile(join(root, "runs/b/broken.traj"), traj.slice(0, 400));
  await cp(fixturePath("mini-swe-agent/acme__tool-42.traj.json"), join(root, "mini/acme.traj.json"));
  await cp(fixturePath("openhands/output.jsonl"), join(root, "openhands/output.jsonl"));
  await cp(fixturePath("claude-code/7f1c2b9e-4d1a-4f0e-9a55-3c2d1e0f9a11.jsonl"), join(root, "session.jsonl"));
  await writeFile(join(root, "preds.json"), JSON.stringify({ "x__y-1": { model_patch: "diff" } }));
  await writeFile(join(root, "README.md"), "# runs");
  await writeFile(join(root, ".cache/old.traj"), traj);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("importPath", () => {
  it("lists candidate files recursively, sorted, skipping hidden folders and other extensions", async () => {
    const files = (await listArtifactFiles(root)).map((f) => f.slice(root.length + 1));
    expect(files).toEqual(["mini/acme.traj.json", "openhands/output.jsonl", "preds.json", "runs/a/marshmallow.traj", "runs/b/broken.traj", "session.jsonl"]);
  });

  it("imports the rest of a directory when one file is broken, and reports the broken one", async () => {
    const progress: ImportProgress[] = [];
    const summary = await importPath(root, {}, (p) => progress.push(p));
    expect(summary.filesTotal).toBe(6);
    expect(summary.filesImported).toBe(4);
    expect(summary.filesFailed).toBe(1);
    expect(summary.filesSkipped).toBe(1);
    expect(summary.failures).toEqual([{ file: join(root, "runs/b/broken.traj"), message: expect.stringMatching(/broken\.traj \(not valid JSON/) as unknown }]);
    expect(summary.skipped).toEqual([{ file: join(root, "preds.json"), reason: "not a recognised run artifact" }]);
    expect(summary.byFormat).toEqual({
      "mini-swe-agent": { files: 1, runs: 1, steps: 6, errors: 2 },
      openhands: { files: 1, runs: 2, steps: 9, errors: 4 },
      "swe-agent": { files: 1, runs: 1, steps: 8, errors: 0 },
      "claude-code": { files: 1, runs: 1, steps: 9, errors: 2 },
    });
    expect(summary.runs).toBe(5);
    expect(summary.steps).toBe(6 + 9 + 8 + 9);
    expect(summary.errors).toBe(2 + 4 + 0 + 2);
    expect(summary.results).toHaveLength(4);
    expect(progress.map((p) => [p.filesDone, p.filesTotal, p.status])).toEqual([
      [1, 6, "imported"],
      [2, 6, "imported"],
      [3, 6, "skipped"],
      [4, 6, "imported"],
      [5, 6, "failed"],
      [6, 6, "imported"],
    ]);
  });

  it("hands each result to onResult and counts a throwing onResult as that file's failure", async () => {
    const seen: string[] = [];
    const summary = await importPath(root, {
      keepResults: false,
      onResult: (r) => {
        if (r.format === "claude-code") throw new Error("store unavailable");
        seen.push(r.format);
      },
    });
    expect(seen).toEqual(["mini-swe-agent", "openhands", "swe-agent"]);
    expect(summary.results).toEqual([]);
    expect(summary.failures.map((f) => f.message)).toEqual([expect.stringMatching(/not valid JSON/) as unknown, "store unavailable"]);
  });

  it("treats a single unrecognised file named explicitly as a failure, not a skip", async () => {
    const summary = await importPath(join(root, "preds.json"));
    expect(summary.filesFailed).toBe(1);
    expect(summary.failures[0]!.message).toMatch(/Unrecognised run artifact .*preds\.json; formats tried/);
  });

  it("forces a format for every file when asked", async () => {
    const summary = await importPath(join(root, "runs/a/marshmallow.traj"), { format: "swe-agent" });
    expect(summary.byFormat["swe-agent"]?.runs).toBe(1);
  });
});

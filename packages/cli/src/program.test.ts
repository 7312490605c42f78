/**
 * The CLI contract (README "Exit codes and errors"), in process: usage errors exit 2
 * with one line saying what to do, failures exit 1, the stack trace only with
 * --verbose, and --help documents the codes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { hasStackTrace, runInProcess } from "../test-support/cli-harness";

afterEach(() => {
  delete process.env.DATABASE_URL;
});

describe("onset usage errors exit 2", () => {
  const cases: { args: string[]; stderr: RegExp; why: string }[] = [
    { args: ["import", "/no/such/file.json"], stderr: /^onset: no such file or directory: \/no\/such\/file\.json\n$/, why: "a missing path is named, without Node's ENOENT stack" },
    { args: ["import"], stderr: /missing required argument 'path'/, why: "commander's own usage errors map to 2, not its default 1" },
    { args: ["import", ".", "--bogus"], stderr: /unknown option '--bogus'/, why: "an unknown option" },
    { args: ["frobnicate"], stderr: /unknown command 'frobnicate'/, why: "an unknown command" },
    { args: ["import", ".", "--format", "nope"], stderr: /^onset: unknown format "nope"; use auto or one of: .*swe-agent/, why: "an unknown --format lists the real ones" },
    { args: ["demo", "--scenario", "nope", "--key", "k"], stderr: /^onset: unknown scenario "nope"; use all or one of: /, why: "an unknown --scenario lists the real ones" },
    { args: ["demo", "--protocol", "smoke-signals", "--key", "k"], stderr: /^onset: unknown protocol "smoke-signals"/, why: "an unknown --protocol" },
  ];
  it.each(cases)("onset $args: $why", async ({ args, stderr }) => {
    const run = await runInProcess(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  });

  it("demo with no key anywhere says the three ways to give one", async () => {
    process.env.ONSET_DATA_DIR = "/nonexistent/onset-data";
    try {
      const run = await runInProcess(["demo"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^onset: no API key: pass --key, set OTEL_EXPORTER_OTLP_HEADERS/);
      expect(run.stderr).toContain("run `npm start` once on this machine (it stores the key in /nonexistent/onset-data/initial-credentials.json");
    } finally {
      delete process.env.ONSET_DATA_DIR;
    }
  });
});

describe("onset --help", () => {
  it("exits 0 and documents the exit codes, on the program and on each command", async () => {
    for (const args of [["--help"], ["import", "--help"], ["demo", "--help"]]) {
      const run = await runInProcess(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Exit codes:\n\s+0\s+everything asked for succeeded\n\s+1\s+something failed[\s\S]*\n\s+2\s+usage error/);
      expect(run.stdout).toContain("--verbose");
    }
  });
});

describe("onset failures exit 1", () => {
  // Nothing listens on port 1: connecting is refused at once.
  const unreachable = "postgresql://onset:secret@127.0.0.1:1/onset";

  it("an unreachable DATABASE_URL is two lines saying what to do, and no stack", async () => {
    process.env.DATABASE_URL = unreachable;
    const run = await runInProcess(["import", "."]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "onset: cannot reach the database (connect ECONNREFUSED 127.0.0.1:1)\n" +
        "check DATABASE_URL, or unset it to use the embedded database (ONSET_DATA_DIR, default ./.onset)\n" +
        "(run again with --verbose for the stack trace)\n",
    );
  });

  it("--verbose adds the stack trace, before or after the command", async () => {
    process.env.DATABASE_URL = unreachable;
    for (const args of [["--verbose", "import", "."], ["import", ".", "--verbose"]]) {
      const run = await runInProcess(args);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^onset: cannot reach the database/);
      expect(hasStackTrace(run.stderr)).toBe(true);
    }
  });
});

/**
 * The collector's Node/V8 flags (apps/collector/src/node-flags.ts) take effect only on
 * the command line, so every way Onset is started must pass them: the `onset` bin's
 * first line (run as a program), the npm scripts that run it or the standalone
 * collector with `node`, the Dockerfile's command and docker-compose.yml's. This reads
 * each of them and checks they carry exactly those flags, and that node accepts them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { COLLECTOR_NODE_FLAGS } from "@onset/collector";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const bin = path.join(root, "packages/cli/bin/onset.js");
const flags = [...COLLECTOR_NODE_FLAGS];

/** The node flags of a command line `node <flags> <script> ...` (split on blanks). */
function nodeFlags(command: string[]): string[] {
  const at = command.indexOf("node");
  expect(at, `no node in ${command.join(" ")}`).toBeGreaterThanOrEqual(0);
  const rest = command.slice(at + 1);
  return rest.slice(0, rest.findIndex((a) => !a.startsWith("-"))).filter((a) => a !== "--import" && a !== "tsx");
}

describe("the collector's node flags", () => {
  it("are a non-empty list node accepts", () => {
    expect(flags.length).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, flags, { input: "process.stdout.write(JSON.stringify(process.execArgv))", encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(flags);
  });

  it("are on the onset bin's first line, and running the bin as a program works", () => {
    const first = read("packages/cli/bin/onset.js").split("\n")[0]!;
    expect(first).toBe(`#!/usr/bin/env -S node ${flags.join(" ")}`);
    const run = spawnSync(bin, ["--help"], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("start");
  });

  it("are passed by the npm scripts that start Onset or the standalone collector", () => {
    const scripts = (file: string) => (JSON.parse(read(file)) as { scripts: Record<string, string> }).scripts;
    const commands = [
      scripts("package.json").start!.split("&&").at(-1)!,
      scripts("package.json").onset!,
      scripts("packages/cli/package.json").start!,
      scripts("apps/collector/package.json").start!,
    ];
    for (const c of commands) expect(nodeFlags(c.trim().split(/\s+/)), c).toEqual(flags);
  });

  it("are passed by the Dockerfile's command and every docker-compose.yml command", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read("Dockerfile"));
    expect(cmd).not.toBeNull();
    expect(nodeFlags(JSON.parse(cmd![1]!) as string[])).toEqual(flags);
    const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, { command?: string[] }> };
    const commands = Object.values(compose.services).flatMap((s) => (s.command?.includes("packages/cli/bin/onset.js") ? [s.command] : []));
    expect(commands.length).toBe(3);
    for (const c of commands) expect(nodeFlags(c)).toEqual(flags);
  });
});

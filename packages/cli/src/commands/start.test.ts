/**
 * `onset start` as a user runs it: a fresh data directory, the embedded database, the
 * collector and the web app answering /health; then Ctrl-C (SIGINT to the process
 * group, as a terminal sends it) leaves no postgres, next or node process behind; a
 * second start reuses the data and prints the same key. Every `onset start` it spawns
 * is killed (its whole process group) in afterAll whatever happened, and it runs with
 * none of the caller's ONSET_* / DATABASE_URL variables (an exported
 * ONSET_INIT_API_KEY would otherwise replace the generated key it checks for).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv } from "../../test-support/cli-harness";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/onset.js");
const ports = { web: 23_100, http: 24_418, grpc: 24_417 };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Every `onset start` spawned, to kill in afterAll if a test left it running. */
const spawned = new Set<ChildProcess>();

/** SIGKILL to the child's process group (onset, its postgres and next) unless it exited. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
  await exited;
}

async function start(dataDir: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, "start"], {
    detached: true, // its own process group, like a terminal's foreground job
    env: cleanEnv({
      ONSET_DATA_DIR: dataDir,
      ONSET_DEMO: "off",
      ONSET_HOST: "127.0.0.1",
      ONSET_WEB_PORT: String(ports.web),
      ONSET_OTLP_HTTP_PORT: String(ports.http),
      ONSET_OTLP_GRPC_PORT: String(ports.grpc),
      ONSET_LOG_LEVEL: "warn",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.add(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null) throw new Error(`onset start exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`onset start not ready in 90 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

async function ctrlC(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGINT");
  await exited;
}

describe("onset start", () => {
  let dataDir: string;
  afterAll(async () => {
    await Promise.all([...spawned].map(killGroup));
    // A postgres whose onset was killed before it could stop it (it has its own group
    // when it runs as the postgres user): stop it from its pid file.
    const pid = dataDir ? await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").then((t) => Number(t.split("\n")[0]), () => 0) : 0;
    if (pid > 0 && alive(pid)) process.kill(pid, "SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("serves /health on the UI and the collector, and Ctrl-C leaves nothing running", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "onset-start-"));
    await chmod(dataDir, 0o755);
    const first = await start(dataDir);
    for (const port of [ports.web, ports.http]) {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    }
    expect((await fetch(`http://127.0.0.1:${ports.web}/login`)).status).toBe(200);
    const key = first.output().match(/onset_sk_[A-Za-z0-9_-]+/)?.[0];
    expect(key).toBeDefined();
    expect(first.output()).toContain(`OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${key}"`);
    const postmaster = Number((await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);
    expect(alive(postmaster)).toBe(true);

    await ctrlC(first.child);
    expect(alive(postmaster)).toBe(false);
    expect(alive(first.child.pid!)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${ports.web}/health`)).rejects.toThrow();

    const second = await start(dataDir);
    expect(second.output()).toContain(key!);
    await ctrlC(second.child);
  }, 240_000);
});

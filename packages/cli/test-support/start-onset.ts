/**
 * Starts Onset as a user does (`onset start`: embedded Postgres, a fresh data directory)
 * for a test suite's global setup (e2e, packages/real-clients), and stops it (SIGTERM,
 * which stops the web app and the database too, then the data directory is removed).
 * The caller gives the ports, credentials and other settings as ONSET_* variables; none
 * of its own environment's ONSET_* or DATABASE_URL reach the process.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** How to start it: the ONSET_* settings, the data directory's name prefix, how often to look for readiness. */
export interface StartOnsetOptions {
  env: Record<string, string>;
  dataDirPrefix: string;
  pollMs?: number;
}

/** Starts `onset start`; resolves with its stop function once it printed that it is running. */
export async function startOnsetProcess(opts: StartOnsetOptions): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), opts.dataDirPrefix));
  const child = spawn(process.execPath, [path.join(root, "packages/cli/bin/onset.js"), "start"], {
    cwd: root,
    env: {
      // None of the caller's ONSET_* / DATABASE_URL: the suite sets every one it relies on.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ONSET_") && k !== "DATABASE_URL")),
      ONSET_DATA_DIR: dataDir,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // onset stops the web app and the database, then exits
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      const code = await Promise.race([exited, new Promise<"wait">((r) => setTimeout(() => r("wait"), opts.pollMs ?? 250))]);
      if (code !== "wait") throw new Error(`onset start exited with ${code} before it was ready:\n${output}`);
      if (output.includes("Onset is running.")) break;
      if (Date.now() > deadline) throw new Error(`onset start was not ready within 120 s:\n${output}`);
    }
  } catch (err) {
    await stop(); // a start that never got ready must not keep its ports
    throw err;
  }
  return stop;
}

/**
 * Starts Onset as a user does (`onset start`: embedded Postgres, fresh data directory,
 * ONSET_INIT_API_KEY) on free ports, for the vitest global setup; stops it with SIGTERM.
 * The same start-up as e2e/support/global-setup.ts, without the web login.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where a started Onset listens, and the project key it was started with. */
export interface OnsetEndpoints {
  webUrl: string;
  otlpHttpUrl: string;
  apiKey: string;
}

/** A free TCP port on 127.0.0.1 (REAL_CLIENTS_PORT_BASE + offset when that is set). */
async function freePort(offset: number): Promise<number> {
  const base = Number(process.env.REAL_CLIENTS_PORT_BASE ?? 0);
  if (base > 0) return base + offset;
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts Onset; resolves once it printed that it is running. */
export async function startOnset(): Promise<{ endpoints: OnsetEndpoints; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "onset-real-clients-"));
  const [web, http, grpc] = [await freePort(0), await freePort(1), await freePort(2)];
  const apiKey = "onset_sk_real_clients_test_key_0001";
  const child = spawn(process.execPath, [path.join(root, "packages/cli/bin/onset.js"), "start"], {
    cwd: root,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ONSET_") && k !== "DATABASE_URL")),
      ONSET_DATA_DIR: dataDir,
      ONSET_WEB_PORT: String(web),
      ONSET_OTLP_HTTP_PORT: String(http),
      ONSET_OTLP_GRPC_PORT: String(grpc),
      ONSET_HOST: "127.0.0.1",
      ONSET_INIT_API_KEY: apiKey,
      ONSET_INIT_ADMIN_EMAIL: "admin@example.com",
      ONSET_INIT_ADMIN_PASSWORD: "real-clients-password",
      ONSET_DEMO: "off",
      ONSET_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      const code = await Promise.race([exited, new Promise<"wait">((r) => setTimeout(() => r("wait"), 250))]);
      if (code !== "wait") throw new Error(`onset start exited with ${code} before it was ready:\n${output}`);
      if (output.includes("Onset is running.")) break;
      if (Date.now() > deadline) throw new Error(`onset start was not ready within 120 s:\n${output}`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { endpoints: { webUrl: `http://127.0.0.1:${web}`, otlpHttpUrl: `http://127.0.0.1:${http}`, apiKey }, stop };
}

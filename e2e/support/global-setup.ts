/**
 * Starts Onset exactly as a user does (`onset start`, embedded Postgres, fresh data
 * directory, ONSET_INIT_* credentials) and stops it after the run (SIGTERM, which stops
 * the web app and the database too).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E } from "./env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "onset-e2e-"));
  const child = spawn(process.execPath, [path.join(root, "packages/cli/bin/onset.js"), "start"], {
    cwd: root,
    env: {
      // None of the caller's ONSET_* / DATABASE_URL: the run sets every one it relies on.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ONSET_") && k !== "DATABASE_URL")),
      ONSET_DATA_DIR: dataDir,
      ONSET_WEB_PORT: String(E2E.webPort),
      ONSET_OTLP_HTTP_PORT: String(E2E.otlpHttpPort),
      ONSET_OTLP_GRPC_PORT: String(E2E.otlpGrpcPort),
      ONSET_HOST: "127.0.0.1",
      ONSET_INIT_API_KEY: E2E.apiKey,
      ONSET_INIT_ADMIN_EMAIL: E2E.adminEmail,
      ONSET_INIT_ADMIN_PASSWORD: E2E.adminPassword,
      ONSET_DEMO: "off",
      ONSET_LOG_LEVEL: "warn",
      // The alerts spec's webhook receiver listens on 127.0.0.1 (refused by default).
      ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS: "1",
      // Seals stored third-party keys (the judge spec stores one); 32 bytes as hex.
      ONSET_SECRET_KEY: "e2e0".repeat(16),
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
      const code = await Promise.race([exited, new Promise<"wait">((r) => setTimeout(() => r("wait"), 500))]);
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

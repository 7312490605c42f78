/** Runs the real `onset demo` command against the e2e instance, as a new user does. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { E2E } from "./env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** One run the demo sent: its scenario, instrumentation variant and trace id(s). */
export interface DemoRun {
  scenario: string;
  variant: string;
  traceIds: string[];
}

/** Sends every demo scenario with `apiKey`; returns what the command says it sent. */
export async function runDemo(apiKey: string): Promise<DemoRun[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(root, "packages/cli/bin/onset.js"), "demo", "--endpoint", E2E.otlpHttpUrl, "--key", apiKey],
    { cwd: root, env: { ...process.env, OTEL_EXPORTER_OTLP_HEADERS: "" } },
  );
  // "[i/n] <scenario> (<variant>) → trace <id>[, <id>]"
  return [...stdout.matchAll(/\] (\S+) \((\w+)\) → trace ([0-9a-f, ]+)/g)].map((m) => ({
    scenario: m[1]!,
    variant: m[2]!,
    traceIds: m[3]!.split(",").map((s) => s.trim()),
  }));
}

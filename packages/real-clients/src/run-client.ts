/** Runs one client script (src/clients/*.cjs) as a child process exporting to Onset. */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OnsetEndpoints } from "./onset-process";

const clients = path.join(path.dirname(fileURLToPath(import.meta.url)), "clients");

/** The trace ids (and errors) a client script reports. */
export interface ClientReport {
  ok: { traceId: string; error: string | null };
  failed: { traceId: string; error: string | null };
}

/** Runs `script` with only the two exporter variables pointing it at Onset. */
export function runClient(script: string, onset: OnsetEndpoints, fakeOpenAiUrl: string, stream: boolean): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(clients, script)],
      {
        timeout: 45_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          OTEL_EXPORTER_OTLP_ENDPOINT: onset.otlpHttpUrl,
          OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${onset.apiKey}`,
          FAKE_OPENAI_URL: fakeOpenAiUrl,
          AGENT_STREAM: stream ? "1" : "0",
        },
      },
      (err, stdout, stderr) => {
        const line = stdout.trim().split("\n").at(-1) ?? "";
        if (err) return reject(new Error(`${script} failed: ${err.message}\n${stderr}`));
        try {
          resolve(JSON.parse(line) as ClientReport);
        } catch {
          reject(new Error(`${script} printed no report:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

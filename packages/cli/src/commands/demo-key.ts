/**
 * Which API key `onset demo` sends with, and where it came from: --key, then
 * OTEL_EXPORTER_OTLP_HEADERS, then ONSET_INIT_API_KEY (the key an operator gave the
 * first start), then the key the first start generated and stored in
 * <data dir>/initial-credentials.json, so on the machine where Onset runs `onset demo`
 * needs no flag at all.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { resolveDataDir } from "@onset/db/runtime";
import { parseOtlpHeaders } from "@onset/examples";
import { UsageError } from "../cli-error";

/** The headers to send and a line saying where the key came from. */
export interface DemoKey {
  headers: Record<string, string>;
  source: string;
}

/** Finds the key; throws UsageError (exit 2) saying how to give one when there is none. */
export async function findDemoKey(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<DemoKey> {
  if (flag) return { headers: bearer(flag), source: `the key given with --key (${mask(flag)})` };
  if (env.OTEL_EXPORTER_OTLP_HEADERS) {
    return { headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS), source: "the headers in OTEL_EXPORTER_OTLP_HEADERS" };
  }
  if (env.ONSET_INIT_API_KEY) return { headers: bearer(env.ONSET_INIT_API_KEY), source: `ONSET_INIT_API_KEY (${mask(env.ONSET_INIT_API_KEY)})` };
  const file = path.join(resolveDataDir(env), "initial-credentials.json");
  const stored = await readStoredKey(file);
  if (stored) return { headers: bearer(stored), source: `the key stored by the first start in ${file} (${mask(stored)})` };
  throw new UsageError(
    `no API key: pass --key, set OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <key>",\n` +
      `or run \`npm start\` once on this machine (it stores the key in ${file}; ONSET_DATA_DIR picks another data directory)`,
  );
}

function bearer(key: string): Record<string, string> {
  return { Authorization: `Bearer ${key}` };
}

/** Enough of a key to recognise it, not enough to use it. */
function mask(key: string): string {
  return key.length > 16 ? `${key.slice(0, 12)}…` : "…";
}

async function readStoredKey(file: string): Promise<string | null> {
  try {
    const creds = JSON.parse(await readFile(file, "utf8")) as { apiKey?: unknown };
    return typeof creds.apiKey === "string" && creds.apiKey ? creds.apiKey : null;
  } catch {
    return null;
  }
}

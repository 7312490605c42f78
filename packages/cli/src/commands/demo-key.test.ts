/**
 * Where `onset demo` finds its key, in order, and that it says which one it used: on
 * the machine where Onset runs, the key the first start stored in the data directory.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "../../test-support/cli-harness";
import { findDemoKey } from "./demo-key";

describe("onset demo's key", () => {
  let dataDir: string;
  const stored = "onset_sk_stored_by_the_first_start_0123";
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "onset-demo-key-"));
    const file = path.join(dataDir, "initial-credentials.json");
    await writeFile(file, JSON.stringify({ apiKey: stored, adminEmail: "admin@onset.local" }));
    await chmod(file, 0o600);
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const cases: { flag?: string; env: () => NodeJS.ProcessEnv; auth: string; source: RegExp; why: string }[] = [
    { flag: "onset_sk_from_the_flag_00000", env: () => ({ ONSET_DATA_DIR: dataDir, ONSET_INIT_API_KEY: "onset_sk_init_000000000" }), auth: "Bearer onset_sk_from_the_flag_00000", source: /^the key given with --key \(onset_sk_fro…\)$/, why: "--key wins over everything" },
    { env: () => ({ ONSET_DATA_DIR: dataDir, OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20onset_sk_hdr" }), auth: "Bearer onset_sk_hdr", source: /^the headers in OTEL_EXPORTER_OTLP_HEADERS$/, why: "the standard exporter variable, as any exporter reads it" },
    { env: () => ({ ONSET_DATA_DIR: dataDir, ONSET_INIT_API_KEY: "onset_sk_init_000000000" }), auth: "Bearer onset_sk_init_000000000", source: /^ONSET_INIT_API_KEY \(onset_sk_ini…\)$/, why: "the operator's chosen key (the first start does not store it)" },
    { env: () => ({ ONSET_DATA_DIR: dataDir }), auth: `Bearer ${stored}`, source: /^the key stored by the first start in .*initial-credentials\.json \(onset_sk_sto…\)$/, why: "no flag, no variable: the data directory's key" },
  ];
  it.each(cases)("$why", async ({ flag, env, auth, source }) => {
    const key = await findDemoKey(flag, env());
    expect(key.headers.Authorization).toBe(auth);
    expect(key.source).toMatch(source);
    expect(key.source).not.toContain(auth.slice(7)); // never the whole secret
  });

  it("the command says which key it used, and a collector that is not there is exit 1 in two lines", async () => {
    process.env.ONSET_DATA_DIR = dataDir;
    try {
      // Port 9 (discard): nothing listens, the exporter's connection is refused.
      const run = await runInProcess(["demo", "--endpoint", "http://127.0.0.1:9", "--scenario", "success"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^using the key stored by the first start in .*initial-credentials\.json/);
      expect(run.stderr).toMatch(/^onset: could not send to http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED.*\nis Onset running there \(npm start\), and is the key right\?\n$/m);
    } finally {
      delete process.env.ONSET_DATA_DIR;
    }
  }, 60_000);
});

/**
 * Starts Onset as a user does (`onset start`: embedded Postgres, fresh data directory,
 * ONSET_INIT_API_KEY) on free ports, for the vitest global setup; stops it with SIGTERM.
 * The start-up is @onset/cli's startOnsetProcess, as e2e's global setup uses it.
 */
import { startOnsetProcess } from "@onset/cli/test-support/start-onset";
import { createServer } from "node:net";

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
  const [web, http, grpc] = [await freePort(0), await freePort(1), await freePort(2)];
  const apiKey = "onset_sk_real_clients_test_key_0001";
  const stop = await startOnsetProcess({
    dataDirPrefix: "onset-real-clients-",
    env: {
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
  });
  return { endpoints: { webUrl: `http://127.0.0.1:${web}`, otlpHttpUrl: `http://127.0.0.1:${http}`, apiKey }, stop };
}

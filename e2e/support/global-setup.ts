/**
 * Starts Onset exactly as a user does (`onset start`, embedded Postgres, fresh data
 * directory, ONSET_INIT_* credentials) and stops it after the run (SIGTERM, which stops
 * the web app and the database too): @onset/cli's startOnsetProcess with this run's settings.
 */
import { startOnsetProcess } from "@onset/cli/test-support/start-onset";
import { E2E } from "./env";

export default async function globalSetup(): Promise<() => Promise<void>> {
  return startOnsetProcess({
    dataDirPrefix: "onset-e2e-",
    pollMs: 500,
    env: {
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
  });
}

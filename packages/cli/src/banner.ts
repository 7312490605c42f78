/** The start-up banner: where Onset is, how to log in, and how to point an exporter at it. */
import type { BootstrapInfo } from "@onset/db/runtime";
import type { Settings } from "./settings";

/** Prints where to log in and the exact exporter variables. */
export function printBanner(o: { cfg: Settings; boot: BootstrapInfo; embedded: boolean; dataDir: string; web: boolean }): void {
  const { cfg, boot } = o;
  const key = boot.apiKey ?? "<an API key from Settings → API keys>";
  const lines = [
    "",
    "Onset is running.",
    "",
    o.web ? `  UI            ${cfg.publicWebUrl}` : "  UI            (not started: --no-web)",
    `  Login         ${boot.adminEmail ?? "(the admin created on first start)"}` +
      (boot.adminPassword ? ` / ${boot.adminPassword}` : boot.adminEmail ? " / (the password you set in ONSET_INIT_ADMIN_PASSWORD)" : ""),
    `  OTLP/HTTP     ${cfg.publicOtlpHttpUrl}/v1/traces   (protobuf or JSON, gzip ok)`,
    `  OTLP/gRPC     ${cfg.publicOtlpGrpcUrl}`,
    `  API key       ${key}`,
    `  Database      ${o.embedded ? `embedded PostgreSQL, data in ${o.dataDir}` : "DATABASE_URL"}`,
    "",
    "Point any OpenTelemetry exporter at Onset with:",
    "",
    `  export OTEL_EXPORTER_OTLP_ENDPOINT=${cfg.publicOtlpHttpUrl}`,
    `  export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${key}"`,
    "",
    boot.adminPassword || boot.apiKey
      ? `Generated credentials are kept in ${o.dataDir}/initial-credentials.json (mode 600); delete it to stop printing them.`
      : "",
    "Press Ctrl-C to stop.",
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

/** Prints what one role of a scaled deployment (`--role collector|web|worker`) serves. */
export function printRoleBanner(o: { role: string; cfg: Settings; collector: boolean; web: boolean }): void {
  const lines = [
    "",
    `Onset ${o.role} is running (database: DATABASE_URL).`,
    o.web ? `  UI            ${o.cfg.publicWebUrl}` : "",
    o.collector ? `  OTLP/HTTP     ${o.cfg.publicOtlpHttpUrl}/v1/traces` : "",
    o.collector ? `  OTLP/gRPC     ${o.cfg.publicOtlpGrpcUrl}` : "",
    o.role === "worker" ? "  Jobs          quiet-run analysis, window rules, alert delivery (Postgres job queue)" : "",
    "Press Ctrl-C to stop.",
    "",
  ].filter((l, i, all) => l !== "" || i === 0 || i === all.length - 1);
  process.stdout.write(lines.join("\n") + "\n");
}

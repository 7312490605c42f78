/**
 * OTLP/HTTP receiver (https://opentelemetry.io/docs/specs/otlp/#otlphttp): POST
 * /v1/traces, /v1/logs and /v1/metrics with application/x-protobuf or
 * application/json, optionally gzip; answers in the request's encoding; errors as
 * google.rpc.Status. Metrics are authenticated, read and dropped (docs/conventions.md,
 * "GenAI events as OTLP logs"). Also GET /health.
 */
import http from "node:http";
import {
  decodeLogsRequestJson,
  decodeLogsRequestProtobuf,
  decodeTraceRequestJson,
  decodeTraceRequestProtobuf,
  encodeExportResponseJson,
  encodeExportResponseProtobuf,
  encodeTraceResponseJson,
  encodeTraceResponseProtobuf,
} from "@onset/otlp";
import { presentedKey, type KeyPrincipal } from "@onset/db";
import { readBody } from "./body";
import type { CollectorConfig } from "./config";
import { storeLogsExport, type LogsExportDeps } from "./export-logs";
import { authenticateExport, storeExport } from "./export-traces";
import { errorAnswer } from "./http-error";
import { encodeRpcStatus, grpcCodeFor } from "./rpc-status";

/** Dependencies of the HTTP receiver. */
export interface HttpServerDeps extends LogsExportDeps {
  config: CollectorConfig;
  /** Resolves when the database is reachable and migrated. */
  healthy: () => Promise<boolean>;
}

type Encoding = "protobuf" | "json";

/** Stores one authenticated export of a signal and returns the response body. */
type SignalHandler = (deps: HttpServerDeps, principal: KeyPrincipal, body: Buffer, enc: Encoding, receivedAt: number) => Promise<Uint8Array | string>;

const SIGNALS: Record<string, SignalHandler> = {
  "/v1/traces": async (deps, principal, body, enc, receivedAt) => {
    const opts = { maxAttributeBytes: deps.config.maxAttributeBytes };
    const outcome = await storeExport(
      deps,
      principal,
      (onSpan) => (enc === "protobuf" ? decodeTraceRequestProtobuf(body, { ...opts, onSpan }) : decodeTraceRequestJson(body.toString("utf8"), { ...opts, onSpan })),
      receivedAt,
    );
    return enc === "protobuf" ? encodeTraceResponseProtobuf(outcome.partial) : encodeTraceResponseJson(outcome.partial);
  },
  "/v1/logs": async (deps, principal, body, enc) => {
    const opts = { maxAttributeBytes: deps.config.maxAttributeBytes };
    const partial = await storeLogsExport(deps, principal, () =>
      enc === "protobuf" ? decodeLogsRequestProtobuf(body, opts) : decodeLogsRequestJson(body.toString("utf8"), opts),
    );
    return enc === "protobuf" ? encodeExportResponseProtobuf(partial) : encodeExportResponseJson(partial, "rejectedLogRecords");
  },
  // Accepted and dropped: GenAI metrics (token usage, duration histograms) repeat what the
  // spans carry; answering 200 keeps NodeSDK's default metrics exporter from logging errors.
  "/v1/metrics": async (_deps, _principal, _body, enc) => (enc === "protobuf" ? encodeExportResponseProtobuf(null) : "{}"),
};

/** Creates (does not start) the OTLP/HTTP server. */
export function createHttpServer(deps: HttpServerDeps): http.Server {
  // Header and request timeouts are enforced by a periodic check (30 s by default):
  // every second, so a slow client is cut close to its deadline.
  const server = http.createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    handle(deps, req, res).catch((err) => {
      deps.log.error({ err }, "unexpected error handling request");
      if (!res.headersSent) send(res, 500, "json", null, "internal error");
      else res.destroy();
    });
  });
  // Bounded connections and timeouts: slow or idle clients cannot hold the receiver.
  const { config } = deps;
  server.maxConnections = config.maxConnections;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  server.headersTimeout = Math.min(config.headersTimeoutMs, config.requestTimeoutMs);
  server.requestTimeout = config.requestTimeoutMs;
  return server;
}

async function handle(deps: HttpServerDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const receivedAt = performance.now();
  const url = new URL(req.url ?? "/", "http://collector");
  if (url.pathname === "/health" && (req.method === "GET" || req.method === "HEAD")) {
    const ok = await deps.healthy().catch(() => false);
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { status: "ok" } : { status: "unavailable" }));
    return;
  }
  const signal = SIGNALS[url.pathname];
  if (!signal) {
    req.resume();
    return send(res, 404, "json", null, `no route for ${req.method} ${url.pathname}; OTLP goes to POST /v1/traces, /v1/logs or /v1/metrics`);
  }
  if (req.method !== "POST") {
    req.resume();
    res.setHeader("allow", "POST");
    return send(res, 405, "json", null, `use POST for ${url.pathname}`);
  }
  const ctype = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const enc: Encoding | null = ctype === "application/x-protobuf" || ctype === "application/protobuf" ? "protobuf" : ctype === "application/json" ? "json" : null;
  if (!enc) {
    req.resume();
    return send(res, 415, "json", null, `unsupported Content-Type "${ctype}": use application/x-protobuf or application/json`);
  }
  try {
    const key = presentedKey((name) => firstHeader(req.headers[name]));
    // The key is checked (and the project's rate) before one byte of the body is read
    // or inflated: a refused request costs a lookup, whatever it carries.
    const principal = await authenticateExport(deps, key);
    const body = await readBody(req, deps.config.maxBodyBytes);
    deps.quotas.admitBytes(principal.projectId, body.length);
    const answer = await signal(deps, principal, body, enc, receivedAt);
    res.writeHead(200, { "content-type": enc === "protobuf" ? "application/x-protobuf" : "application/json" });
    res.end(answer);
  } catch (err) {
    const answer = errorAnswer(err);
    if (!answer) throw err;
    if (answer.status >= 500) deps.log.warn({ status: answer.status }, answer.message);
    // A refusal before the body was read (401, 403, 429) closes the connection rather
    // than draining whatever the client still sends.
    if (!req.readableEnded) {
      if (answer.status === 401 || answer.status === 403 || answer.status === 429) res.setHeader("connection", "close");
      else req.resume();
    }
    if (answer.retryAfterSec !== undefined) res.setHeader("retry-after", String(answer.retryAfterSec));
    send(res, answer.status, enc, grpcCodeFor(answer.status), answer.message);
  }
}

function send(res: http.ServerResponse, status: number, enc: Encoding, code: number | null, message: string): void {
  if (enc === "protobuf") {
    res.writeHead(status, { "content-type": "application/x-protobuf" });
    res.end(encodeRpcStatus(code ?? grpcCodeFor(status), message));
  } else {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ code: code ?? grpcCodeFor(status), message }));
  }
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * OTLP/gRPC receiver: opentelemetry.proto.collector.{trace,logs,metrics}.v1
 * {Trace,Logs,Metrics}Service/Export. Requests stay raw bytes through grpc-js (which
 * inflates grpc-encoding gzip itself) and go to the same protobuf decoders and export
 * paths as OTLP/HTTP. Metrics are authenticated and dropped, as over HTTP.
 */
import * as net from "node:net";
import * as grpc from "@grpc/grpc-js";
import {
  decodeLogsRequestProtobuf,
  decodeTraceRequestProtobuf,
  encodeExportResponseProtobuf,
  encodeTraceResponseProtobuf,
} from "@onset/otlp";
import { presentedKey, type KeyPrincipal } from "@onset/db";
import type { CollectorConfig } from "./config";
import { storeLogsExport, type LogsExportDeps } from "./export-logs";
import { authenticateExport, storeExport } from "./export-traces";
import { errorAnswer } from "./http-error";
import { encodeRetryStatus, grpcCodeFor } from "./rpc-status";

const identity = (b: Buffer) => b;

/** A unary Export method with byte-level (de)serializers. */
function exportMethod(service: string): grpc.ServiceDefinition {
  return {
    Export: {
      path: `/opentelemetry.proto.collector.${service}/Export`,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: (b: Uint8Array) => Buffer.from(b),
      responseDeserialize: identity, // a server never reads responses
    },
  };
}

type Deps = LogsExportDeps & { config: CollectorConfig };

/** Stores one authenticated export and returns the response message. */
type Handler = (deps: Deps, principal: KeyPrincipal, request: Buffer) => Promise<Uint8Array>;

const SERVICES: [string, Handler][] = [
  [
    "trace.v1.TraceService",
    async (deps, principal, request) => {
      const o = await storeExport(deps, principal, (onSpan) => decodeTraceRequestProtobuf(request, { maxAttributeBytes: deps.config.maxAttributeBytes, onSpan }));
      return encodeTraceResponseProtobuf(o.partial);
    },
  ],
  [
    "logs.v1.LogsService",
    async (deps, principal, request) =>
      encodeExportResponseProtobuf(
        await storeLogsExport(deps, principal, () => decodeLogsRequestProtobuf(request, { maxAttributeBytes: deps.config.maxAttributeBytes })),
      ),
  ],
  ["metrics.v1.MetricsService", async () => encodeExportResponseProtobuf(null)],
];

function unary(deps: Deps, handler: Handler) {
  return (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
    const md = call.metadata.getMap();
    // Same credential rules as OTLP/HTTP headers.
    const key = presentedKey((k) => (typeof md[k] === "string" ? (md[k] as string) : undefined));
    authenticateExport(deps, key)
      .then((principal) => {
        deps.quotas.admitBytes(principal.projectId, call.request.length);
        return handler(deps, principal, call.request);
      })
      .then((answer) => callback(null, answer))
      .catch((err) => {
        const answer = errorAnswer(err);
        if (answer) {
          const meta = new grpc.Metadata();
          const code = grpcCodeFor(answer.status);
          if (answer.retryAfterSec !== undefined) {
            meta.set("retry-after", String(answer.retryAfterSec));
            if (code === grpc.status.RESOURCE_EXHAUSTED) {
              meta.set("grpc-status-details-bin", Buffer.from(encodeRetryStatus(code, answer.message, answer.retryAfterSec)));
            }
          }
          callback({ code, details: answer.message, metadata: meta });
        } else {
          deps.log.error({ err }, "unexpected error in gRPC export");
          callback({ code: grpc.status.INTERNAL, details: "internal error" });
        }
      });
  };
}

/** The running gRPC receiver. */
export interface GrpcReceiver {
  server: grpc.Server;
  port: number;
  /** Stops taking connections and ends the server once its calls are done. */
  close: () => Promise<void>;
}

/**
 * Starts the gRPC server on the configured port; resolves once bound. grpc-js has no
 * connection-count limit of its own, so the socket is ours: a net.Server with
 * `maxConnections` (ONSET_OTLP_GRPC_MAX_CONNECTIONS; a connection past it is closed as it
 * arrives) hands each connection to grpc-js through its connection injector.
 */
export async function startGrpcServer(deps: Deps): Promise<GrpcReceiver> {
  const server = new grpc.Server({
    // grpc-js bounds the inflated size of a grpc-encoding gzip message by this too.
    "grpc.max_receive_message_length": deps.config.maxBodyBytes,
    "grpc.max_concurrent_streams": 100,
    "grpc.max_connection_idle_ms": 5 * 60_000,
  });
  for (const [service, handler] of SERVICES) server.addService(exportMethod(service), { Export: unary(deps, handler) });
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  const socket = net.createServer((connection) => injector.injectConnection(connection));
  socket.maxConnections = deps.config.maxGrpcConnections;
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.listen(deps.config.grpcPort, deps.config.host, () => resolve());
  });
  const port = (socket.address() as net.AddressInfo).port;
  return {
    server,
    port,
    close: async () => {
      const closed = new Promise<void>((r) => socket.close(() => r()));
      await new Promise<void>((r) => server.tryShutdown(() => r()));
      injector.destroy();
      await closed;
    },
  };
}

/**
 * OTLP/gRPC receiver: opentelemetry.proto.collector.trace.v1.TraceService/Export. The
 * request stays raw bytes through grpc-js (which inflates grpc-encoding gzip itself) and
 * goes to the same protobuf decoder and export path as OTLP/HTTP.
 */
import * as grpc from "@grpc/grpc-js";
import { decodeTraceRequestProtobuf, encodeTraceResponseProtobuf } from "@onset/otlp";
import { presentedKey } from "@onset/db";
import type { CollectorConfig } from "./config";
import { exportTraces, type ExportDeps } from "./export-traces";
import { errorAnswer } from "./http-error";
import { encodeRetryStatus, grpcCodeFor } from "./rpc-status";

const identity = (b: Buffer) => b;

/** The TraceService definition with byte-level (de)serializers. */
const traceService: grpc.ServiceDefinition = {
  Export: {
    path: "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: (b: Uint8Array) => Buffer.from(b),
    responseDeserialize: identity, // a server never reads responses
  },
};

/** Starts the gRPC server on the configured port; resolves with it once bound. */
export async function startGrpcServer(deps: ExportDeps & { config: CollectorConfig }): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server({
    // grpc-js bounds the inflated size of a grpc-encoding gzip message by this too.
    "grpc.max_receive_message_length": deps.config.maxBodyBytes,
    "grpc.max_concurrent_streams": 100,
    "grpc.max_connection_idle_ms": 5 * 60_000,
  });
  server.addService(traceService, {
    Export: (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
      const md = call.metadata.getMap();
      // Same credential rules as OTLP/HTTP headers.
      const key = presentedKey((k) => (typeof md[k] === "string" ? (md[k] as string) : undefined));
      exportTraces(deps, key, () =>
        decodeTraceRequestProtobuf(call.request, { maxAttributeBytes: deps.config.maxAttributeBytes }),
      )
        .then((o) =>
          callback(
            null,
            encodeTraceResponseProtobuf(o.partial),
          ),
        )
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
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${deps.config.host}:${deps.config.grpcPort}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { server, port };
}

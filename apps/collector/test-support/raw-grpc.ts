/**
 * A bare gRPC client for TraceService/Export that sends arbitrary bytes (the real
 * exporter only sends what its serializer makes) and reports the status and trailers.
 */
import * as grpc from "@grpc/grpc-js";

/** How a raw gRPC export ended. */
export interface GrpcOutcome {
  /** grpc.status code (0 = OK). */
  code: number;
  details: string;
  /** Trailing metadata (retry-after lives here on UNAVAILABLE). */
  metadata: Record<string, string>;
  /** Response bytes on OK. */
  response: Buffer | null;
}

const identity = (b: Buffer) => b;

/** Sends `body` to `target` (host:port) as one unary Export call. */
export function grpcExport(target: string, body: Buffer, headers: Record<string, string>, opts: { gzip?: boolean } = {}): Promise<GrpcOutcome> {
  const options: grpc.ChannelOptions = opts.gzip ? { "grpc.default_compression_algorithm": 2 } : {};
  const client = new grpc.Client(target.replace(/^http:\/\//, ""), grpc.credentials.createInsecure(), options);
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(headers)) md.set(k, v);
  return new Promise((resolve) => {
    let trailers: Record<string, string> = {};
    const call = client.makeUnaryRequest(
      "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
      identity,
      identity,
      body,
      md,
      { deadline: Date.now() + 10_000 },
      (err: grpc.ServiceError | null, res?: Buffer) => {
        client.close();
        resolve(
          err
            ? { code: err.code, details: err.details, metadata: { ...trailers, ...flat(err.metadata) }, response: null }
            : { code: 0, details: "", metadata: trailers, response: res ?? Buffer.alloc(0) },
        );
      },
    );
    call.on("status", (s: grpc.StatusObject) => {
      trailers = flat(s.metadata);
    });
  });
}

function flat(md: grpc.Metadata | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(md?.getMap() ?? {})) out[k] = String(v);
  return out;
}

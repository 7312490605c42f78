/**
 * The real OpenTelemetry exporters an agent would use (exporter-trace-otlp-proto,
 * -http (JSON) and -grpc), wired to a tracer provider with either span processor, and
 * a wrapper that records what each export call returned.
 */
import * as grpc from "@grpc/grpc-js";
import type { Tracer } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import type { CreatedApiKey } from "@onset/db";

/** OTLP transports as OTEL_EXPORTER_OTLP_PROTOCOL names them. */
export type Transport = "http/protobuf" | "http/json" | "grpc";

/** The three ways docs/spec/public-api.md lets an exporter present its key. */
export type AuthMode = "bearer" | "basic" | "x-api-key";

/** Headers (or gRPC metadata entries) carrying `key` the `mode` way. */
export function authHeaders(key: Pick<CreatedApiKey, "secret" | "publicKey">, mode: AuthMode): Record<string, string> {
  switch (mode) {
    case "bearer":
      return { authorization: `Bearer ${key.secret}` };
    case "basic":
      return { authorization: `Basic ${Buffer.from(`${key.publicKey}:${key.secret}`).toString("base64")}` };
    case "x-api-key":
      return { "x-api-key": key.secret };
  }
}

/** Where the collector listens. */
export interface Endpoints {
  tracesUrl: string;
  grpcUrl: string;
}

/** A real OTLP exporter of `transport` sending `headers`, gzip-compressed when asked. */
export function createExporter(
  endpoints: Endpoints,
  transport: Transport,
  headers: Record<string, string>,
  opts: { gzip?: boolean; timeoutMillis?: number } = {},
): SpanExporter {
  const compression = opts.gzip ? ("gzip" as never) : ("none" as never);
  const timeoutMillis = opts.timeoutMillis ?? 10_000;
  if (transport === "grpc") {
    const metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
    return new GrpcExporter({ url: endpoints.grpcUrl, metadata, compression, timeoutMillis, credentials: grpc.credentials.createInsecure() });
  }
  const Exporter = transport === "http/protobuf" ? ProtoExporter : JsonExporter;
  return new Exporter({ url: endpoints.tracesUrl, headers, compression, timeoutMillis });
}

/** An exporter that remembers the result of every export call. */
export class RecordingExporter implements SpanExporter {
  readonly results: { spans: number; result: ExportResult }[] = [];

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      this.results.push({ spans: spans.length, result });
      done(result);
    });
  }

  /** Export calls that did not succeed, with their errors. */
  failures(): string[] {
    return this.results.filter((r) => r.result.code !== ExportResultCode.SUCCESS).map((r) => String(r.result.error?.message ?? r.result.error));
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** Span processor choices: one request per run (batch) or per span (simple). */
export type ProcessorKind = "batch" | "simple";

/**
 * Runs `emit` on a tracer provider exporting through `exporter` with the `processor`
 * kind, then flushes and shuts down, so every span has been handed to the exporter
 * and every export call has returned when this resolves (failed exports included).
 */
export async function traceWith<T>(
  exporter: SpanExporter,
  processor: ProcessorKind,
  emit: (tracer: Tracer) => T | Promise<T>,
  serviceName = "agent-service",
): Promise<T> {
  const spanProcessor =
    processor === "batch"
      ? new BatchSpanProcessor(exporter, { maxExportBatchSize: 512, scheduledDelayMillis: 50 })
      : new SimpleSpanProcessor(exporter);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [spanProcessor],
  });
  try {
    return await emit(provider.getTracer("onset-collector-test", "1.0.0"));
  } finally {
    // A failed export rejects forceFlush; callers read the outcome from a RecordingExporter.
    await provider.forceFlush().catch(() => {});
    await provider.shutdown().catch(() => {});
  }
}

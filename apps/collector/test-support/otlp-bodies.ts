/**
 * OTLP request bodies made by the exporters' own serializers
 * (@opentelemetry/otlp-transformer: the bytes exporter-trace-otlp-proto and -http put
 * on the wire), from SDK spans captured in memory, plus ways to break single spans so a
 * batch is partly bad the way a buggy SDK would make it.
 */
import type { Attributes, HrTime } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type IdGenerator, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { emitAgentRun, type EmittedRun } from "./agent-run";
import { seededRng } from "./seeded-random";

/** SDK spans of one agent run, never sent anywhere. */
export interface CapturedRun {
  run: EmittedRun;
  spans: ReadableSpan[];
}

/** Trace and span ids from a seeded stream: the same seed makes byte-identical requests. */
export function seededIdGenerator(seed: number): IdGenerator {
  const rng = seededRng(seed);
  return {
    generateTraceId: () => rng.bytes(16).toString("hex"),
    generateSpanId: () => rng.bytes(8).toString("hex"),
  };
}

/**
 * Emits the agent run into memory and returns its finished spans. With `idSeed` (and a
 * fixed `who.baseMs`) the spans are the same every time; without, ids are random.
 */
export function captureAgentRun(
  who: { sessionId: string; userId: string; baseMs?: number },
  serviceName = "agent-service",
  idSeed?: number,
): CapturedRun {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(idSeed === undefined ? {} : { idGenerator: seededIdGenerator(idSeed) }),
  });
  const run = emitAgentRun(provider.getTracer("onset-collector-test", "1.0.0"), who);
  return { run, spans: exporter.getFinishedSpans() };
}

/** ExportTraceServiceRequest as exporter-trace-otlp-proto serializes it. */
export function protobufBody(spans: ReadableSpan[]): Buffer {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error("protobuf serializer returned nothing");
  return Buffer.from(bytes);
}

/** ExportTraceServiceRequest as exporter-trace-otlp-http serializes it (OTLP/JSON). */
export function jsonBody(spans: ReadableSpan[]): Buffer {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error("JSON serializer returned nothing");
  return Buffer.from(bytes);
}

/**
 * A copy of `span` with some fields replaced (the copy inherits everything else from
 * the original, so the serializers read it like any SDK span).
 */
export function alterSpan(span: ReadableSpan, change: { traceId?: string; spanId?: string; startTime?: HrTime }): ReadableSpan {
  const copy = Object.create(span) as ReadableSpan & { startTime: HrTime };
  if (change.traceId !== undefined || change.spanId !== undefined) {
    const ctx = span.spanContext();
    const altered = { ...ctx, traceId: change.traceId ?? ctx.traceId, spanId: change.spanId ?? ctx.spanId };
    Object.defineProperty(copy, "spanContext", { value: () => altered });
  }
  if (change.startTime) Object.defineProperty(copy, "startTime", { value: change.startTime });
  return copy;
}

/** One finished root span named `name` with `attributes`, made by the SDK. */
export function captureSpan(name: string, attributes: Attributes, serviceName = "odd-service"): ReadableSpan {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const start = Math.floor(Date.now() / 1000) * 1000 - 5000;
  provider.getTracer("onset-collector-test", "1.0.0").startSpan(name, { attributes, startTime: start }).end(start + 250);
  return exporter.getFinishedSpans()[0]!;
}

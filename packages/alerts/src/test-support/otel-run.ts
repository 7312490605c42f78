/**
 * Real OpenTelemetry tracing for tests: a tracer provider with a simple span processor
 * (each span exported as it ends, as an agent's spans arrive while the run is open)
 * and the OTLP/HTTP protobuf exporter, wrapped to record which spans were exported.
 */
import { context, trace, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";

/** A tracer exporting to an Onset collector. */
export interface OtelRun {
  tracer: Tracer;
  /** Spans the exporter has sent successfully, in order. */
  exported: ReadableSpan[];
  /** Starts a child span of `parent`. */
  child: (parent: Span, name: string, attributes: Attributes) => Span;
  flush: () => Promise<void>;
  shutdown: () => Promise<void>;
  /** A fresh exporter to the same collector (for re-sending spans). */
  newExporter: () => SpanExporter;
}

/** Tracing to `http://127.0.0.1:<port>/v1/traces` with an API key. */
export function otelRun(httpPort: number, apiKey: string, serviceName = "alerts-test-agent"): OtelRun {
  const newExporter = () =>
    new OTLPTraceExporter({ url: `http://127.0.0.1:${httpPort}/v1/traces`, headers: { authorization: `Bearer ${apiKey}` }, timeoutMillis: 10_000 });
  const inner = newExporter();
  const exported: ReadableSpan[] = [];
  const recording: SpanExporter = {
    export: (spans, done) =>
      inner.export(spans, (r) => {
        if (r.code === 0) exported.push(...spans);
        done(r);
      }),
    shutdown: () => inner.shutdown(),
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new SimpleSpanProcessor(recording)],
  });
  const tracer = provider.getTracer("onset-alerts-test");
  return {
    tracer,
    exported,
    child: (parent, name, attributes) => tracer.startSpan(name, { attributes }, trace.setSpan(context.active(), parent)),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
    newExporter,
  };
}

/** Attributes of an OTel GenAI chat span with usage and an OpenLit-style reported cost. */
export function chatAttributes(costUsd: number, inputTokens = 1000, outputTokens = 200, extra: Attributes = {}): Attributes {
  return {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": "openai",
    "gen_ai.request.model": "gpt-4o",
    "gen_ai.usage.input_tokens": inputTokens,
    "gen_ai.usage.output_tokens": outputTokens,
    "gen_ai.usage.cost": costUsd,
    ...extra,
  };
}

// The OpenTelemetry setup a user writes (OTel JS 3.x SDK, OTLP/protobuf exporters for
// traces and logs configured only by OTEL_EXPORTER_OTLP_ENDPOINT and
// OTEL_EXPORTER_OTLP_HEADERS), then the given instrumentations. Required before the
// instrumented library so the require hooks can patch it.
const { context, logs, trace } = require("@opentelemetry/api");
const { AsyncLocalStorageContextManager } = require("@opentelemetry/context-async-hooks");
const { OTLPLogExporter } = require("@opentelemetry/exporter-logs-otlp-proto");
const { OTLPTraceExporter } = require("@opentelemetry/exporter-trace-otlp-proto");
const { registerInstrumentations } = require("@opentelemetry/instrumentation");
const { resourceFromAttributes } = require("@opentelemetry/resources");
const { BatchLogRecordProcessor, LoggerProvider } = require("@opentelemetry/sdk-logs");
const { BatchSpanProcessor, TracerProvider } = require("@opentelemetry/sdk-trace");

// Traceloop's streaming wrapper leaves the 400 of a failed streamed call as an unhandled
// rejection besides rethrowing it; Node would exit on it. Note it and go on.
process.on("unhandledRejection", (err) => process.stderr.write(`unhandled rejection: ${(err && err.message) || err}\n`));

/** Starts telemetry with `instrumentations`; returns the app's tracer and a flush-and-stop. */
function startTelemetry(serviceName, instrumentations) {
  const resource = resourceFromAttributes({ "service.name": serviceName });
  const tracerProvider = new TracerProvider({ resource, spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] });
  const loggerProvider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  registerInstrumentations({ instrumentations, tracerProvider, loggerProvider });
  return {
    tracer: trace.getTracer("weather-agent"),
    async shutdown() {
      await tracerProvider.forceFlush();
      await loggerProvider.forceFlush();
      await tracerProvider.shutdown();
      await loggerProvider.shutdown();
    },
  };
}

/** Runs `fn` in a root span named `name` (the agent run); returns the trace id and fn's error, if any. */
async function inRootSpan(tracer, name, fn) {
  return tracer.startActiveSpan(name, async (span) => {
    const traceId = span.spanContext().traceId;
    try {
      await fn(span);
      return { traceId, error: null };
    } catch (err) {
      span.recordException(err);
      span.setStatus({ code: 2, message: String(err && err.message) });
      return { traceId, error: String(err && err.message) };
    } finally {
      span.end();
    }
  });
}

/** The tool both steps revolve around. */
function getWeather(args) {
  return JSON.stringify({ city: args.city, temperatureC: 18, sky: "sunny" });
}

/** Prints what the test reads (one JSON line) after flushing telemetry; a failed export fails the script. */
async function report(telemetry, result) {
  await telemetry.shutdown().catch((err) => {
    const all = Array.isArray(err) ? err : [err];
    throw new Error(`export failed: ${all.map((e) => (e && e.stack) || String(e)).join("\n")}`);
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

module.exports = { startTelemetry, inRootSpan, getWeather, report };

/**
 * OTLP logs and metrics through the real exporters (exporter-logs-otlp-proto, -http,
 * -grpc; exporter-metrics-otlp-proto, -grpc): GenAI events as
 * @opentelemetry/instrumentation-openai emits them fill their span's input and output
 * whether the span was exported before or after them; a log line with the span's
 * context shows up as a span event; a record without one is listed; metrics are
 * answered with success (and dropped); keys and projects work as for traces.
 */
import * as grpc from "@grpc/grpc-js";
import { context, trace, TraceFlags } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPMetricExporter as GrpcMetricExporter } from "@opentelemetry/exporter-metrics-otlp-grpc";
import { OTLPMetricExporter as ProtoMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { InMemoryMetricExporter, AggregationTemporality, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { getRunSpan, listLogRecords } from "@onset/db";
import { describe, expect, it } from "vitest";
import { authHeaders, createExporter, RecordingExporter, traceWith, type Transport } from "../test-support/sdk-exporters";
import { useTestCollector, type TestCollector } from "../test-support/test-collector";

interface LogSender {
  export(records: unknown[], done: (r: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

function logExporter(t: TestCollector, transport: Transport, headers: Record<string, string>, gzip: boolean): LogSender {
  const compression = (gzip ? "gzip" : "none") as never;
  const base = t.tracesUrl.replace("/v1/traces", "");
  if (transport === "grpc") {
    const metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
    return new GrpcLogExporter({ url: t.grpcUrl, metadata, compression, credentials: grpc.credentials.createInsecure() }) as unknown as LogSender;
  }
  const Exporter = transport === "http/protobuf" ? ProtoLogExporter : JsonLogExporter;
  return new Exporter({ url: `${base}/v1/logs`, headers, compression }) as unknown as LogSender;
}

/** The GenAI events of one chat call with a tool round, plus a warning line, in `spanContext`. */
function genAiRecords(traceId: string, spanId: string) {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  const logger = provider.getLogger("@opentelemetry/instrumentation-openai", "0.22.0");
  const ctx = trace.setSpanContext(context.active(), { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
  const at = { context: ctx, severityNumber: SeverityNumber.INFO };
  const sys = { "gen_ai.system": "openai" };
  logger.emit({ ...at, attributes: { "event.name": "gen_ai.user.message", ...sys }, body: { content: "Weather in Paris?" } });
  logger.emit({
    ...at,
    attributes: { "event.name": "gen_ai.choice", ...sys },
    body: { index: 0, finish_reason: "tool_calls", message: { tool_calls: [{ id: "call_9", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] } },
  });
  logger.emit({ ...at, severityNumber: SeverityNumber.WARN, severityText: "WARN", body: "slow upstream" });
  logger.emit({ severityNumber: SeverityNumber.INFO, body: "worker started", eventName: "app.start" });
  return memory.getFinishedLogRecords();
}

function send(exporter: LogSender, records: unknown[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(records, resolve));
}

describe("OTLP logs and metrics into the collector", () => {
  const t = useTestCollector();

  const CASES: { transport: Transport; gzip: boolean; logsFirst: boolean }[] = [
    { transport: "http/protobuf", gzip: false, logsFirst: false },
    { transport: "http/json", gzip: true, logsFirst: true },
    { transport: "grpc", gzip: true, logsFirst: true },
  ];

  it.each(CASES)("$transport (gzip=$gzip, logs first=$logsFirst): GenAI events fill the span, a log line is an event", async (c) => {
    const headers = authHeaders(t.projectA.key, "bearer");
    const spanExporter = new RecordingExporter(createExporter(t, c.transport, headers));
    const logs = logExporter(t, c.transport, headers, c.gzip);
    let ids = { traceId: "", spanId: "" };
    // The instrumentation emits its events while the span is open; the span is exported
    // when it ends, so "logs first" is the order a live agent produces.
    await traceWith(spanExporter, "simple", async (tracer) => {
      const span = tracer.startSpan("chat gpt-4o-mini", { attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o-mini" } });
      ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      if (c.logsFirst) expect((await send(logs, genAiRecords(ids.traceId, ids.spanId))).code).toBe(ExportResultCode.SUCCESS);
      span.end();
    });
    if (!c.logsFirst) expect((await send(logs, genAiRecords(ids.traceId, ids.spanId))).code).toBe(ExportResultCode.SUCCESS);
    await logs.shutdown();
    expect(spanExporter.failures()).toEqual([]);
    const span = await getRunSpan(t.collector.pool, t.projectA.id, ids.traceId, ids.spanId);
    expect(span!.input).toEqual({ kind: "messages", messages: [{ role: "user", content: "Weather in Paris?" }] });
    expect(span!.output).toEqual({
      kind: "messages",
      messages: [{ role: "assistant", content: "", finishReason: "tool_calls", toolCalls: [{ id: "call_9", name: "get_weather", arguments: '{"city":"Paris"}' }] }],
    });
    expect(span!.events.filter((e) => e.name === "log").map((e) => e.attributes["log.body"])).toEqual(["slow upstream"]);
    expect((await listLogRecords(t.collector.pool, t.projectA.id)).records.some((r) => r.body === "worker started")).toBe(true);
  });

  it("logs sent after the span fill it over gRPC too, and another project's key never reaches it", async () => {
    const exporter = new RecordingExporter(createExporter(t, "grpc", authHeaders(t.projectA.key, "x-api-key")));
    let ids = { traceId: "", spanId: "" };
    await traceWith(exporter, "batch", async (tracer) => {
      const span = tracer.startSpan("chat gpt-4o-mini", { attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o-mini" } });
      ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      span.end();
    });
    const fromB = logExporter(t, "grpc", authHeaders(t.projectB.key, "basic"), false);
    expect((await send(fromB, genAiRecords(ids.traceId, ids.spanId))).code).toBe(ExportResultCode.SUCCESS);
    await fromB.shutdown();
    expect((await getRunSpan(t.collector.pool, t.projectA.id, ids.traceId, ids.spanId))!.input).toBeNull();
    const fromA = logExporter(t, "grpc", authHeaders(t.projectA.key, "basic"), false);
    expect((await send(fromA, genAiRecords(ids.traceId, ids.spanId))).code).toBe(ExportResultCode.SUCCESS);
    await fromA.shutdown();
    expect((await getRunSpan(t.collector.pool, t.projectA.id, ids.traceId, ids.spanId))!.input).toMatchObject({ messages: [{ content: "Weather in Paris?" }] });
  });

  it("refuses logs without a valid key (401 / UNAUTHENTICATED), as traces", async () => {
    for (const transport of ["http/protobuf", "grpc"] as const) {
      const logs = logExporter(t, transport, { authorization: "Bearer nope" }, false);
      const result = await send(logs, genAiRecords("5".repeat(32), "5".repeat(16)));
      await logs.shutdown();
      expect(result.code).toBe(ExportResultCode.FAILED);
      expect(String(result.error)).toMatch(/Unauthorized|UNAUTHENTICATED|invalid or revoked API key/);
    }
  });

  it.each(["http/protobuf", "grpc"] as const)("answers metrics over %s with success (they are dropped)", async (transport) => {
    const headers = authHeaders(t.projectA.key, "bearer");
    const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({ readers: [reader] });
    const histogram = provider.getMeter("@opentelemetry/instrumentation-openai").createHistogram("gen_ai.client.token.usage");
    histogram.record(42, { "gen_ai.token.type": "input", "gen_ai.request.model": "gpt-4o-mini" });
    await reader.forceFlush();
    const exported = memory.getMetrics();
    expect(exported).toHaveLength(1);
    const metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
    const exporter =
      transport === "grpc"
        ? new GrpcMetricExporter({ url: t.grpcUrl, metadata, credentials: grpc.credentials.createInsecure() })
        : new ProtoMetricExporter({ url: t.tracesUrl.replace("/v1/traces", "/v1/metrics"), headers });
    const result = await new Promise<ExportResult>((resolve) => exporter.export(exported[0]! as never, resolve));
    await exporter.shutdown();
    await provider.shutdown();
    expect(result).toMatchObject({ code: ExportResultCode.SUCCESS });
  });
});

/**
 * The log decoders against real wire bytes: records emitted through
 * @opentelemetry/sdk-logs and serialized by @opentelemetry/otlp-transformer (what the
 * otlp-proto and otlp-http log exporters send), shaped as
 * @opentelemetry/instrumentation-openai 0.22 emits its GenAI events.
 */
import { SeverityNumber } from "@opentelemetry/api-logs";
import { context, trace, TraceFlags } from "@opentelemetry/api";
import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { describe, expect, it } from "vitest";
import { decodeLogsRequestJson } from "../json/decode-logs-request";
import { decodeLogsRequestProtobuf } from "../protobuf/decode-logs-request";
import { OtlpDecodeError } from "../errors";
import { encodeExportResponseJson, encodeExportResponseProtobuf, logsPartialSuccess } from "./encode-export-response";
import { spanContentFromLogs } from "./genai-log-content";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const SPAN = "b7ad6b7169203331";

function emitted() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger("@opentelemetry/instrumentation-openai", "0.22.0");
  const ctx = trace.setSpanContext(context.active(), { traceId: TRACE, spanId: SPAN, traceFlags: TraceFlags.SAMPLED });
  const base = { context: ctx, severityNumber: SeverityNumber.INFO, timestamp: 1_700_000_000_000 };
  const sys = { "gen_ai.system": "openai" };
  logger.emit({ ...base, attributes: { "event.name": "gen_ai.system.message", ...sys }, body: { content: "You are terse." } });
  logger.emit({ ...base, attributes: { "event.name": "gen_ai.user.message", ...sys }, body: { content: "Weather in Paris?" } });
  logger.emit({
    ...base,
    attributes: { "event.name": "gen_ai.assistant.message", ...sys },
    body: { tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
  });
  logger.emit({ ...base, attributes: { "event.name": "gen_ai.tool.message", ...sys }, body: { id: "call_1", content: "18C" } });
  logger.emit({
    ...base,
    timestamp: 1_700_000_000_500,
    attributes: { "event.name": "gen_ai.choice", ...sys },
    body: { finish_reason: "stop", index: 0, message: { content: "18C and sunny." } },
  });
  logger.emit({ ...base, severityNumber: SeverityNumber.WARN, severityText: "WARN", body: "retrying after 429", attributes: { attempt: 2 } });
  // No span context: kept per project, not joined.
  logger.emit({ timestamp: 1_700_000_001_000, eventName: "app.started", body: "up", attributes: {} });
  return exporter.getFinishedLogRecords();
}

describe("OTLP logs decoding", () => {
  const records = emitted();
  const proto = ProtobufLogsSerializer.serializeRequest(records)!;
  const json = new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records)!);

  it("reads the same records from protobuf and JSON (ids, event names, bodies, scope, severity)", () => {
    const a = decodeLogsRequestProtobuf(proto);
    const b = decodeLogsRequestJson(json);
    expect(a.rejected).toEqual([]);
    expect(b).toEqual(a);
    expect(a.records).toHaveLength(7);
    const [system, , assistant] = a.records;
    expect(system).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      eventName: "gen_ai.system.message",
      body: { content: "You are terse." },
      severityNumber: 9,
      scopeName: "@opentelemetry/instrumentation-openai",
      scopeVersion: "0.22.0",
      timeMs: 1_700_000_000_000,
    });
    expect(assistant!.body).toEqual({ tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] });
    expect(a.records[6]).toMatchObject({ traceId: null, spanId: null, eventName: "app.started", body: "up" });
  });

  it("turns the GenAI events into the span's input and output, and other records into span events", () => {
    const { records: decoded } = decodeLogsRequestProtobuf(proto);
    const content = spanContentFromLogs(decoded.filter((r) => r.spanId === SPAN).map((r) => ({ ...r, timeMs: r.timeMs! })));
    expect(content.input).toEqual({
      kind: "messages",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }] },
        { role: "tool", content: "18C", toolCallId: "call_1" },
      ],
    });
    expect(content.output).toEqual({ kind: "messages", messages: [{ role: "assistant", content: "18C and sunny.", finishReason: "stop" }] });
    expect(content.events).toEqual([
      { name: "log", timeMs: 1_700_000_000_000, attributes: { attempt: 2, "onset.log_record": true, "log.body": "retrying after 429", "log.severity": "WARN" } },
    ]);
  });

  it("reads the current gen_ai.client.inference.operation.details event (parts shape in attributes)", () => {
    const content = spanContentFromLogs([
      {
        eventName: "gen_ai.client.inference.operation.details",
        timeMs: 1,
        severityText: null,
        severityNumber: 9,
        body: null,
        attributes: {
          "gen_ai.input.messages": [{ role: "user", parts: [{ type: "text", content: "hi" }] }],
          "gen_ai.output.messages": [{ role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "f", arguments: { x: 1 } }], finish_reason: "tool_call" }],
          "gen_ai.system_instructions": [{ type: "text", content: "be brief" }],
        },
      },
    ]);
    expect(content.input).toEqual({ kind: "messages", messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }] });
    expect(content.output).toMatchObject({ kind: "messages", messages: [{ role: "assistant", toolCalls: [{ id: "c1", name: "f", arguments: '{"x":1}' }] }] });
    expect(content.events).toEqual([]);
  });

  it("refuses a record with a broken id alone, and an undecodable body as a whole", () => {
    const body = JSON.parse(json);
    body.resourceLogs[0].scopeLogs[0].logRecords[1].spanId = "abc";
    const result = decodeLogsRequestJson(body);
    expect(result.records).toHaveLength(6);
    expect(result.rejected).toEqual([{ index: 1, reason: expect.stringContaining("span_id must be 8 bytes") }]);
    const partial = logsPartialSuccess(result);
    expect(partial).toMatchObject({ rejected: 1 });
    expect(JSON.parse(encodeExportResponseJson(partial, "rejectedLogRecords"))).toEqual({ partialSuccess: { rejectedLogRecords: "1", errorMessage: partial!.errorMessage } });
    expect(encodeExportResponseProtobuf(null)).toHaveLength(0);
    expect(() => decodeLogsRequestJson("{")).toThrow(OtlpDecodeError);
    expect(() => decodeLogsRequestProtobuf(new Uint8Array([10, 200]))).toThrow(OtlpDecodeError);
  });

  it("cuts long strings in bodies and attributes to the size limit", () => {
    const body = JSON.parse(json);
    body.resourceLogs[0].scopeLogs[0].logRecords[1].body = { stringValue: "x".repeat(5000) };
    const result = decodeLogsRequestJson(body, { maxAttributeBytes: 100 });
    expect(result.records[1]!.body).toMatch(/^x{100}…\[truncated: original 5000 bytes\]$/);
  });
});

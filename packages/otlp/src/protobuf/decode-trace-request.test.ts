import { SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import protobuf from "protobufjs/minimal.js";
import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "../errors";
import { decodeTraceRequestJson } from "../json/decode-trace-request";
import { ALL_FIXTURES } from "../test-support/fixtures/index";
import { oneScope, otlpRequest, sid } from "../test-support/otlp-json";
import { encodeRequestProtobuf } from "../test-support/proto-encoder";
import { capturingTracer, toJson, toProtobuf } from "../test-support/sdk-spans";
import { decodeTraceRequestProtobuf } from "./decode-trace-request";

/** Frame bytes as a length-delimited field. */
function field(tag: number, bytes: Uint8Array): Uint8Array {
  return protobuf.Writer.create().uint32(tag).bytes(bytes).finish();
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p)));
}

/** The bytes of one Span message, encoded by the reflection encoder. */
function spanBytes(id: number, start = 0): Uint8Array {
  const request = encodeRequestProtobuf(oneScope("s", [{ name: `span-${id}`, id, start, end: start + 5 }]));
  // request = 0a len ResourceSpans{ 0a resource, 12 len ScopeSpans{ 0a scope, 12 len Span } }: dig the Span out.
  const rs = protobuf.Reader.create(request);
  rs.uint32();
  const rsEnd = rs.uint32() + rs.pos;
  while (rs.pos < rsEnd) {
    const tag = rs.uint32();
    if (tag !== 18) {
      rs.skipType(tag & 7);
      continue;
    }
    const ss = protobuf.Reader.create(rs.bytes());
    while (ss.pos < ss.len) {
      const t = ss.uint32();
      if (t === 18) return ss.bytes();
      ss.skipType(t & 7);
    }
  }
  throw new Error("no span");
}

describe("decodeTraceRequestProtobuf", () => {
  it("decodes the bytes the OpenTelemetry JS protobuf serializer produces, equal to its JSON twin", () => {
    // Why: the collector receives exactly these bytes from exporter-trace-otlp-proto.
    //   0ms                 50
    //   |root (server)       |
    //     |child (client) x|
    //     10              40
    const capture = capturingTracer();
    const tracer = capture.tracer("wire-test", "2.0.0");
    const root = tracer.startSpan("root", { kind: SpanKind.SERVER, startTime: 1_700_000_000_000, attributes: { s: "text", i: 42, d: 1.5, b: true, arr: ["a", "b"], big: 2 ** 40 } });
    const child = tracer.startSpan("child", { kind: SpanKind.CLIENT, startTime: 1_700_000_000_010, links: [{ context: root.spanContext(), attributes: { why: "retry" } }] }, trace.setSpan(context.active(), root));
    child.addEvent("progress", { pct: 50 }, 1_700_000_000_020);
    child.recordException(new TypeError("bad input"), 1_700_000_000_039);
    child.setStatus({ code: SpanStatusCode.ERROR, message: "bad input" });
    child.end(1_700_000_000_040);
    root.end(1_700_000_000_050);
    const spans = capture.spans();
    const fromPb = decodeTraceRequestProtobuf(toProtobuf(spans));
    const fromJson = decodeTraceRequestJson(toJson(spans));
    expect(fromPb).toEqual(fromJson);
    expect(fromPb.rejected).toEqual([]);
    const [c, r] = fromPb.spans;
    expect(r).toMatchObject({
      name: "root",
      kind: 2,
      traceId: root.spanContext().traceId,
      spanId: root.spanContext().spanId,
      parentSpanId: null,
      startTimeMs: 1_700_000_000_000,
      endTimeMs: 1_700_000_000_050,
      scopeName: "wire-test",
      scopeVersion: "2.0.0",
      attributes: { s: "text", i: 42, d: 1.5, b: true, arr: ["a", "b"], big: 2 ** 40 },
    });
    expect(c).toMatchObject({ name: "child", kind: 3, parentSpanId: root.spanContext().spanId, statusCode: "error", statusMessage: "bad input" });
    expect(c?.events.map((e) => e.name)).toEqual(["progress", "exception"]);
    expect(c?.events[0]).toEqual({ name: "progress", timeMs: 1_700_000_000_020, attributes: { pct: 50 } });
    expect(c?.error).toEqual({ type: "TypeError", message: "bad input", stacktrace: expect.stringContaining("TypeError: bad input") });
    expect(c?.attributes["onset.otlp.links"]).toEqual([{ traceId: root.spanContext().traceId, spanId: root.spanContext().spanId, attributes: { why: "retry" } }]);
  });

  it.each(Object.entries(ALL_FIXTURES))("decodes fixture %s identically from protobuf and JSON", (_name, fixture) => {
    // Why: both encodings of one request must give the same spans (the store must not care which one a client used).
    const fromJson = decodeTraceRequestJson(fixture);
    expect(fromJson.rejected).toEqual([]);
    expect(fromJson.spans.length).toBeGreaterThan(0);
    expect(decodeTraceRequestProtobuf(encodeRequestProtobuf(fixture))).toEqual(fromJson);
  });

  it("reads the resource even when it follows the scope spans on the wire", () => {
    // Why: protobuf allows fields in any order; service.name must still reach every span.
    const request = encodeRequestProtobuf(otlpRequest([{ resource: { "service.name": "late" }, scopes: [{ name: "s", spans: [{ name: "a", id: 1, start: 0, end: 1 }] }] }]));
    const rsReader = protobuf.Reader.create(request);
    rsReader.uint32();
    const rs = rsReader.bytes();
    const parts: { tag: number; bytes: Uint8Array }[] = [];
    const r = protobuf.Reader.create(rs);
    while (r.pos < r.len) {
      const tag = r.uint32();
      parts.push({ tag, bytes: r.bytes() });
    }
    const reordered = concat(...parts.reverse().map((p) => field(p.tag, p.bytes)));
    const result = decodeTraceRequestProtobuf(field(10, reordered));
    expect(result.spans[0]?.serviceName).toBe("late");
  });

  it("accepts pre-1.0 instrumentation_library_spans (field 1000)", () => {
    // Why: old SDKs still in the field send InstrumentationLibrarySpans; the layout matches ScopeSpans.
    const scopeSpans = concat(field(10, protobuf.Writer.create().uint32(10).string("old-lib").finish()), field(18, spanBytes(1)));
    const result = decodeTraceRequestProtobuf(field(10, field(8002, scopeSpans)));
    expect(result.spans.map((s) => [s.name, s.scopeName])).toEqual([["span-1", "old-lib"]]);
  });

  it("rejects a span whose inner framing is broken and keeps its neighbours", () => {
    // Why: one corrupt span must not cost the whole batch (partial success).
    //   |span-1| |corrupt| |span-3|
    const corrupt = concat(protobuf.Writer.create().uint32(42).string("corrupt").finish(), Uint8Array.from([74, 120, 1, 2]));
    const scope = concat(field(18, spanBytes(1)), field(18, corrupt), field(18, spanBytes(3, 10)));
    const result = decodeTraceRequestProtobuf(field(10, field(18, scope)));
    expect(result.spans.map((s) => s.name)).toEqual(["span-1", "span-3"]);
    expect(result.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^malformed span protobuf: .*past the end/) }]);
  });

  it.each(Object.entries(ALL_FIXTURES))("hands fixture %s's spans to onSpan one by one, as it would return them", (_name, fixture) => {
    // Why: the collector builds each span's row from onSpan (no span array); both
    // encodings must give it exactly the spans, in the order, the result would hold.
    for (const [decode, body] of [
      [decodeTraceRequestProtobuf, encodeRequestProtobuf(fixture)],
      [decodeTraceRequestJson, JSON.stringify(fixture)],
    ] as const) {
      const whole = decode(body as never);
      const streamed: unknown[] = [];
      const result = decode(body as never, { onSpan: (s) => streamed.push(s) });
      expect(result.spans).toEqual([]);
      expect(streamed).toEqual(whole.spans);
      expect(result.rejected).toEqual(whole.rejected);
    }
  });

  it("reads attribute keys exactly, however many distinct keys share the remembered-key slots", () => {
    // Why: keys are handed back from a table of recently read keys (direct-mapped by a
    // hash of their bytes); 6,000 distinct keys, some non-ASCII and one as long as the
    // table takes, must collide there and still each read as sent, twice over.
    const attrs: Record<string, string> = {};
    for (let i = 0; i < 6000; i++) attrs[`k.${i % 7 === 0 ? "é" : ""}${i}`] = `v${i}`;
    attrs["x".repeat(128)] = "long";
    attrs["y".repeat(129)] = "longer";
    const body = encodeRequestProtobuf(oneScope("s", [{ name: "a", id: 1, start: 0, end: 1, attrs }, { name: "b", id: 2, start: 0, end: 1, attrs }]));
    for (let round = 0; round < 2; round++) {
      const spans = decodeTraceRequestProtobuf(body).spans;
      for (const span of spans) expect(span.attributes).toEqual(attrs);
    }
  });

  it("hands only the good spans to onSpan and rejects the corrupt one with its index", () => {
    //   |span-1| |corrupt| |span-3|
    const corrupt = concat(protobuf.Writer.create().uint32(42).string("corrupt").finish(), Uint8Array.from([74, 120, 1, 2]));
    const scope = concat(field(18, spanBytes(1)), field(18, corrupt), field(18, spanBytes(3, 10)));
    const names: string[] = [];
    const result = decodeTraceRequestProtobuf(field(10, field(18, scope)), { onSpan: (s) => names.push(s.name) });
    expect(names).toEqual(["span-1", "span-3"]);
    expect(result.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^malformed span protobuf: .*past the end/) }]);
  });

  it.each([
    { why: "trace id of the wrong length", attrs: { traceId: "abcd" }, reason: "trace_id must be 16 bytes, got 2" },
    { why: "span id of the wrong length", attrs: { spanId: "00000000000000000001" }, reason: "span_id must be 8 bytes, got 10" },
    { why: "all-zero trace id", attrs: { traceId: "0".repeat(32) }, reason: "trace_id is all zeros" },
    { why: "no span id", attrs: { spanId: "" }, reason: "span_id is missing" },
    { why: "no start time", attrs: { startTimeUnixNano: "0" }, reason: "start_time_unix_nano is missing or 0" },
  ])("rejects a span with $why, naming the contract", ({ attrs, reason }) => {
    const fixture = oneScope("s", [{ name: "ok", id: 1, start: 0, end: 1 }, { name: "bad", id: 2, start: 0, end: 1 }]);
    const bad = (fixture.resourceSpans[0] as { scopeSpans: { spans: Record<string, unknown>[] }[] }).scopeSpans[0]!.spans[1]!;
    Object.assign(bad, attrs);
    const result = decodeTraceRequestProtobuf(encodeRequestProtobuf(fixture));
    expect(result.spans.map((s) => s.name)).toEqual(["ok"]);
    expect(result.rejected[0]?.reason).toBe(reason);
    expect(result.rejected[0]?.index).toBe(1);
  });

  it.each([
    { why: "a truncated body", bytes: () => encodeRequestProtobuf(ALL_FIXTURES.langGraph).slice(0, 200), message: /not a valid OTLP ExportTraceServiceRequest/ },
    { why: "text instead of protobuf", bytes: () => Buffer.from('{"resourceSpans": []}'), message: /not a valid OTLP/ },
    { why: "an invalid wire type", bytes: () => Uint8Array.from([0x0f, 0x00]), message: /invalid wire type/ },
    { why: "field number 0", bytes: () => Uint8Array.from([0x00, 0x01]), message: /field number 0/ },
  ])("throws OtlpDecodeError for $why", ({ bytes, message }) => {
    expect(() => decodeTraceRequestProtobuf(bytes())).toThrow(OtlpDecodeError);
    expect(() => decodeTraceRequestProtobuf(bytes())).toThrow(message);
  });

  it("treats an empty body as an empty request and non-bytes as a decode error", () => {
    // Why: an empty ExportTraceServiceRequest is valid protobuf (all fields default).
    expect(decodeTraceRequestProtobuf(new Uint8Array())).toEqual({ spans: [], rejected: [], warnings: [] });
    expect(() => decodeTraceRequestProtobuf("nope" as unknown as Uint8Array)).toThrow(OtlpDecodeError);
  });

  it("keeps 64-bit integers exact and doubles that JSON cannot hold as strings", () => {
    // Why: int64 beyond 2^53 must not silently lose digits; NaN cannot go into jsonb.
    const fixture = oneScope("s", [
      {
        name: "n",
        id: 1,
        start: 0,
        end: 1,
        attrs: {
          max: { $raw: { intValue: "9223372036854775807" } },
          min: { $raw: { intValue: "-9223372036854775808" } },
          neg: -1,
          safe: { $raw: { intValue: "9007199254740991" } },
          nan: { $raw: { doubleValue: "NaN" } },
          inf: { $raw: { doubleValue: "-Infinity" } },
          bytes: { $raw: { bytesValue: "AQID" } },
          empty: null,
        },
      },
    ]);
    const expected = { max: "9223372036854775807", min: "-9223372036854775808", neg: -1, safe: 9007199254740991, nan: "NaN", inf: "-Infinity", bytes: "AQID", empty: null };
    expect(decodeTraceRequestProtobuf(encodeRequestProtobuf(fixture)).spans[0]?.attributes).toEqual(expected);
    expect(decodeTraceRequestJson(fixture).spans[0]?.attributes).toEqual(expected);
  });

  it("rejects a span whose attribute nests deeper than the limit instead of overflowing the stack", () => {
    // Why: hostile input must end in a rejection, never a RangeError from recursion.
    let value: Uint8Array = protobuf.Writer.create().uint32(10).string("leaf").finish();
    for (let i = 0; i < 40; i++) value = field(42, field(10, value)); // AnyValue{array_value{values: AnyValue}}
    const kv = concat(protobuf.Writer.create().uint32(10).string("deep").finish(), field(18, value));
    const span = concat(spanBytes(2), field(74, kv));
    const result = decodeTraceRequestProtobuf(field(10, field(18, concat(field(18, spanBytes(1)), field(18, span)))));
    expect(result.spans.map((s) => s.spanId)).toEqual([sid(1)]);
    expect(result.rejected[0]?.reason).toMatch(/nested deeper than 32/);
  });
});

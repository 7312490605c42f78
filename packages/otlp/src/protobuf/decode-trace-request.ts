import { setAttribute } from "../common/attributes";
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../common/ids";
import type { DecodedSpan, ResourceContext, ScopeContext } from "../common/span-assembler";
import { BatchAssembler } from "../common/span-assembler";
import type { DecodeOptions, DecodeResult } from "../decode-result";
import type { AttrValue, Attributes, SpanEvent, SpanStatusCode } from "../normalized-span";
import { DEFAULT_MAPPERS } from "../normalize/registry";
import { truncateAttributes } from "../truncate/truncate-attributes";
import { readKeyValue } from "./any-value";
import { readEachRecord, readId, readResourceAttributes, readScope } from "./otlp-envelope";
import { delimitedEnd, readExportRequest, readFixed64Ms, skipField } from "./wire";
import type { Reader } from "./wire";

/**
 * OTLP/protobuf ExportTraceServiceRequest -> NormalizedSpan[] in one pass, following
 * opentelemetry-proto (collector/trace/v1/trace_service.proto, trace/v1/trace.proto,
 * common/v1/common.proto, resource/v1/resource.proto). Field numbers are in the case
 * labels as tags ((field << 3) | wire type).
 *
 * Error policy: broken framing at the request, resource or scope level makes the body
 * undecodable (OtlpDecodeError -> 400). Inside a span, the span's own length prefix
 * still tells where the next span starts, so a corrupt span is rejected with the
 * reason and the rest of the batch is kept. The reader's limit is set to the span's
 * end while it is read, so a corrupt span can never read into its neighbour.
 */

const STATUS_CODES: readonly SpanStatusCode[] = ["unset", "ok", "error"];

/** Decode an OTLP/protobuf ExportTraceServiceRequest body (already gunzipped). */
export function decodeTraceRequestProtobuf(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const batch = new BatchAssembler(options, DEFAULT_MAPPERS);
  readExportRequest(bytes, "ExportTraceServiceRequest", (r, end) => readResourceSpans(r, end, batch));
  return batch.result;
}

/** ResourceSpans {1 resource, 2 scope_spans, 1000 instrumentation_library_spans (pre-1.0 name)}. */
function readResourceSpans(r: Reader, end: number, batch: BatchAssembler): void {
  const start = r.pos;
  // The resource may follow its spans on the wire: find it first, then read the spans.
  let resource: ResourceContext = { attributes: {}, serviceName: null };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) resource = readResource(r, delimitedEnd(r), batch.maxAttributeBytes);
    else skipField(r, tag);
  }
  r.pos = start;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18 || tag === 8002) readScopeSpans(r, delimitedEnd(r), resource, batch);
    else skipField(r, tag);
  }
}

/** Resource {1 attributes, 2 dropped_attributes_count}. */
function readResource(r: Reader, end: number, maxBytes: number | null): ResourceContext {
  const attributes = readResourceAttributes(r, end);
  const service = attributes["service.name"];
  return {
    attributes: maxBytes === null ? attributes : truncateAttributes(attributes, maxBytes),
    serviceName: typeof service === "string" && service !== "" ? service : null,
  };
}

/** ScopeSpans {1 scope, 2 spans}; InstrumentationLibrarySpans has the same layout. */
function readScopeSpans(r: Reader, end: number, resource: ResourceContext, batch: BatchAssembler): void {
  const start = r.pos;
  const scope: ScopeContext = { resource, name: null, version: null };
  let scopeAttributes: Attributes | null = null;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) scopeAttributes = readScope(r, delimitedEnd(r), scope, true);
    else skipField(r, tag);
  }
  r.pos = start;
  readEachRecord(
    r,
    end,
    "span",
    (spanEnd) => {
      const span = readSpan(r, spanEnd);
      if (scopeAttributes) setAttribute(span.attributes, "onset.otlp.scope_attributes", scopeAttributes);
      batch.add(span, scope);
    },
    (reason) => batch.reject(reason),
  );
}

/** Span (trace.proto): see the tag comments for field numbers. */
function readSpan(r: Reader, end: number): DecodedSpan {
  const d: DecodedSpan = {
    traceId: "",
    spanId: "",
    parentSpanId: null,
    problems: null,
    name: "",
    kind: 0,
    startTimeMs: 0,
    endTimeMs: 0,
    statusCode: "unset",
    statusMessage: null,
    attributes: {},
    events: [],
  };
  let links: AttrValue[] | null = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: d.traceId = readId(r, TRACE_ID_BYTES, "trace_id", d); break; // 1 trace_id
      case 18: d.spanId = readId(r, SPAN_ID_BYTES, "span_id", d); break; // 2 span_id
      case 34: d.parentSpanId = readId(r, SPAN_ID_BYTES, "parent_span_id", d) || null; break; // 4 parent_span_id
      case 42: d.name = r.string(); break; // 5 name
      case 48: { const k = r.int32(); d.kind = k >= 0 && k <= 5 ? k : 0; break; } // 6 kind
      case 57: d.startTimeMs = readFixed64Ms(r); break; // 7 start_time_unix_nano
      case 65: d.endTimeMs = readFixed64Ms(r); break; // 8 end_time_unix_nano
      case 74: readKeyValue(r, delimitedEnd(r), d.attributes, 0); break; // 9 attributes
      case 80: noteDropped(d.attributes, "attributes", r.uint32()); break; // 10
      case 90: d.events.push(readEvent(r, delimitedEnd(r))); break; // 11 events
      case 96: noteDropped(d.attributes, "events", r.uint32()); break; // 12
      case 106: (links ??= []).push(readLink(r, delimitedEnd(r))); break; // 13 links
      case 112: noteDropped(d.attributes, "links", r.uint32()); break; // 14
      case 122: readStatus(r, delimitedEnd(r), d); break; // 15 status
      default: skipField(r, tag); // 3 trace_state, 16 flags, unknown fields
    }
  }
  if (links) setAttribute(d.attributes, "onset.otlp.links", links);
  return d;
}

/** Keep the SDK's dropped counts: they explain attributes that never arrived. */
function noteDropped(attributes: Attributes, what: string, count: number): void {
  if (count > 0) setAttribute(attributes, `onset.otlp.dropped_${what}_count`, count);
}

/** Span.Event {1 time_unix_nano, 2 name, 3 attributes}. */
function readEvent(r: Reader, end: number): SpanEvent {
  const event: SpanEvent = { name: "", timeMs: 0, attributes: {} };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 9) event.timeMs = readFixed64Ms(r);
    else if (tag === 18) event.name = r.string();
    else if (tag === 26) readKeyValue(r, delimitedEnd(r), event.attributes, 0);
    else skipField(r, tag);
  }
  return event;
}

/** Span.Link {1 trace_id, 2 span_id, 3 trace_state, 4 attributes}, kept as a plain object. */
function readLink(r: Reader, end: number): AttrValue {
  const attributes: Attributes = {};
  let traceId = "";
  let spanId = "";
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10 || tag === 18) {
      const idEnd = delimitedEnd(r);
      const hex = (r.buf as Buffer).toString("hex", r.pos, idEnd);
      r.pos = idEnd;
      if (tag === 10) traceId = hex;
      else spanId = hex;
    } else if (tag === 34) readKeyValue(r, delimitedEnd(r), attributes, 0);
    else skipField(r, tag);
  }
  return { traceId, spanId, attributes };
}

/** Status {2 message, 3 code}; field 1 is the deprecated code and ignored. */
function readStatus(r: Reader, end: number, d: DecodedSpan): void {
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) d.statusMessage = r.string() || null;
    else if (tag === 24) d.statusCode = STATUS_CODES[r.int32()] ?? "unset";
    else skipField(r, tag);
  }
}

import { setAttribute } from "../common/attributes";
import { SPAN_ID_BYTES, TRACE_ID_BYTES, describeValue, parseJsonId } from "../common/ids";
import type { DecodedSpan, ResourceContext, ScopeContext } from "../common/span-assembler";
import { BatchAssembler } from "../common/span-assembler";
import { jsonNanosToMs } from "../common/time";
import type { DecodeOptions, DecodeResult } from "../decode-result";
import { OtlpDecodeError } from "../errors";
import { parseOtlpJsonBody } from "./parse-body";
import type { AttrValue, Attributes, SpanEvent } from "../normalized-span";
import { DEFAULT_MAPPERS } from "../normalize/registry";
import { truncateAttributes } from "../truncate/truncate-attributes";
import { jsonAttributesInto } from "./any-value";
import type { JsonObject } from "./fields";
import { countField, field, isObject, listField, parseSpanKind, parseStatusCode, stringField } from "./fields";

/**
 * OTLP/JSON ExportTraceServiceRequest -> NormalizedSpan[] (OTLP spec, "JSON Protobuf
 * Encoding"), tolerant of what real senders do: snake_case keys, base64 ids, int64 as
 * numbers, enum names instead of numbers, an empty `status: {}`, the pre-1.0
 * instrumentationLibrarySpans. The same BatchAssembler as the protobuf path validates
 * and normalizes, so both encodings of one request decode to equal spans.
 */

/** Decode an OTLP/JSON body: a string, UTF-8 bytes, or an already-parsed object. */
export function decodeTraceRequestJson(body: string | Uint8Array | unknown, options: DecodeOptions = {}): DecodeResult {
  const root = parseOtlpJsonBody(body, "resourceSpans", "resource_spans");
  const batch = new BatchAssembler(options, DEFAULT_MAPPERS);
  try {
    for (const [i, rs] of listField(root, "resourceSpans", "resource_spans").entries()) {
      if (!isObject(rs)) {
        batch.reject(`resourceSpans[${i}] must be an object, got ${describeValue(rs)}`);
        continue;
      }
      readResourceSpans(rs, batch);
    }
  } catch (error) {
    // Only a bug or a hostile structure gets here (e.g. a getter-laden object); never leak it as a 500.
    throw new OtlpDecodeError(`body could not be decoded as OTLP/JSON: ${(error as Error)?.message ?? String(error)}`);
  }
  return batch.result;
}

function readResourceSpans(rs: JsonObject, batch: BatchAssembler): void {
  const res = field(rs, "resource", "resource");
  const attributes: Attributes = {};
  if (isObject(res)) jsonAttributesInto(res.attributes, attributes, 0);
  const service = attributes["service.name"];
  const maxBytes = batch.maxAttributeBytes;
  const resource: ResourceContext = {
    attributes: maxBytes === null ? attributes : truncateAttributes(attributes, maxBytes),
    serviceName: typeof service === "string" && service !== "" ? service : null,
  };
  const scopeLists = [
    ...listField(rs, "scopeSpans", "scope_spans"),
    ...listField(rs, "instrumentationLibrarySpans", "instrumentation_library_spans"),
  ];
  for (const ss of scopeLists) {
    if (!isObject(ss)) continue;
    const scopeObj = field(ss, "scope", "scope") ?? field(ss, "instrumentationLibrary", "instrumentation_library");
    const scope: ScopeContext = { resource, name: null, version: null };
    let scopeAttributes: Attributes | null = null;
    if (isObject(scopeObj)) {
      scope.name = stringField(scopeObj, "name", "name") || null;
      scope.version = stringField(scopeObj, "version", "version") || null;
      if (Array.isArray(scopeObj.attributes) && scopeObj.attributes.length > 0) {
        jsonAttributesInto(scopeObj.attributes, (scopeAttributes = {}), 0);
      }
    }
    for (const s of listField(ss, "spans", "spans")) {
      if (!isObject(s)) {
        batch.reject(`span must be an object, got ${describeValue(s)}`);
        continue;
      }
      let span: DecodedSpan;
      try {
        span = readSpan(s);
      } catch (error) {
        batch.reject(`malformed span: ${(error as Error)?.message ?? String(error)}`);
        continue;
      }
      if (scopeAttributes) setAttribute(span.attributes, "onset.otlp.scope_attributes", scopeAttributes);
      batch.add(span, scope);
    }
  }
}

function readId(s: JsonObject, camel: string, snake: string, bytes: number, d: DecodedSpan): string {
  const parsed = parseJsonId(field(s, camel, snake), bytes, snake);
  if ("hex" in parsed) return parsed.hex;
  if ("problem" in parsed) (d.problems ??= []).push(parsed.problem);
  return "";
}

function readSpan(s: JsonObject): DecodedSpan {
  const d: DecodedSpan = {
    traceId: "",
    spanId: "",
    parentSpanId: null,
    problems: null,
    name: stringField(s, "name", "name"),
    kind: parseSpanKind(field(s, "kind", "kind")),
    startTimeMs: jsonNanosToMs(field(s, "startTimeUnixNano", "start_time_unix_nano")),
    endTimeMs: jsonNanosToMs(field(s, "endTimeUnixNano", "end_time_unix_nano")),
    statusCode: "unset",
    statusMessage: null,
    attributes: {},
    events: [],
  };
  d.traceId = readId(s, "traceId", "trace_id", TRACE_ID_BYTES, d);
  d.spanId = readId(s, "spanId", "span_id", SPAN_ID_BYTES, d);
  d.parentSpanId = readId(s, "parentSpanId", "parent_span_id", SPAN_ID_BYTES, d) || null;
  jsonAttributesInto(s.attributes, d.attributes, 0);
  noteDropped(d.attributes, "attributes", countField(s, "droppedAttributesCount", "dropped_attributes_count"));
  noteDropped(d.attributes, "events", countField(s, "droppedEventsCount", "dropped_events_count"));
  noteDropped(d.attributes, "links", countField(s, "droppedLinksCount", "dropped_links_count"));
  for (const e of listField(s, "events", "events")) {
    if (!isObject(e)) continue;
    const event: SpanEvent = { name: stringField(e, "name", "name"), timeMs: jsonNanosToMs(field(e, "timeUnixNano", "time_unix_nano")), attributes: {} };
    jsonAttributesInto(e.attributes, event.attributes, 0);
    d.events.push(event);
  }
  const links = listField(s, "links", "links").filter(isObject).map(readLink);
  if (links.length > 0) setAttribute(d.attributes, "onset.otlp.links", links);
  const status = s.status;
  if (isObject(status)) {
    d.statusCode = parseStatusCode(status.code);
    d.statusMessage = typeof status.message === "string" && status.message !== "" ? status.message : null;
  }
  return d;
}

function readLink(link: JsonObject): AttrValue {
  const trace = parseJsonId(field(link, "traceId", "trace_id"), TRACE_ID_BYTES, "trace_id");
  const span = parseJsonId(field(link, "spanId", "span_id"), SPAN_ID_BYTES, "span_id");
  const attributes: Attributes = {};
  jsonAttributesInto(link.attributes, attributes, 0);
  return { traceId: "hex" in trace ? trace.hex : "", spanId: "hex" in span ? span.hex : "", attributes };
}

function noteDropped(attributes: Attributes, what: string, count: number): void {
  if (count > 0) setAttribute(attributes, `onset.otlp.dropped_${what}_count`, count);
}

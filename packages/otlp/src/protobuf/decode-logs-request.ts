import { SPAN_ID_BYTES, TRACE_ID_BYTES } from "../common/ids";
import { LogBatch, noteDroppedAttributes, type DecodedLogRecord, type LogScope } from "../logs/log-batch";
import type { DecodeLogsOptions, DecodeLogsResult } from "../logs/log-record";
import type { Attributes } from "../normalized-span";
import { readAnyValue, readKeyValue } from "./any-value";
import { readEachRecord, readId, readResourceAttributes, readScope } from "./otlp-envelope";
import { delimitedEnd, readExportRequest, readFixed64Ms, skipField } from "./wire";
import type { Reader } from "./wire";

/**
 * OTLP/protobuf ExportLogsServiceRequest -> log records, following opentelemetry-proto
 * (collector/logs/v1/logs_service.proto, logs/v1/logs.proto) with the same wire
 * helpers and error policy as the trace decoder: broken framing outside a record is a
 * 400, a broken record is refused alone (partial success).
 */

/** Decode an OTLP/protobuf ExportLogsServiceRequest body (already gunzipped). */
export function decodeLogsRequestProtobuf(bytes: Uint8Array, options: DecodeLogsOptions = {}): DecodeLogsResult {
  const batch = new LogBatch(options);
  readExportRequest(bytes, "ExportLogsServiceRequest", (r, end) => readResourceLogs(r, end, batch));
  return batch.result;
}

/** ResourceLogs {1 resource, 2 scope_logs}. */
function readResourceLogs(r: Reader, end: number, batch: LogBatch): void {
  const start = r.pos;
  let resource: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) resource = readResourceAttributes(r, delimitedEnd(r));
    else skipField(r, tag);
  }
  r.pos = start;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) readScopeLogs(r, delimitedEnd(r), resource, batch);
    else skipField(r, tag);
  }
}

/** ScopeLogs {1 scope {1 name, 2 version}, 2 log_records}. */
function readScopeLogs(r: Reader, end: number, resource: Attributes, batch: LogBatch): void {
  const start = r.pos;
  const named = { name: null as string | null, version: null as string | null };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) readScope(r, delimitedEnd(r), named, false);
    else skipField(r, tag);
  }
  const scope: LogScope = batch.scope(resource, named.name, named.version);
  r.pos = start;
  readEachRecord(
    r,
    end,
    "log record",
    (recordEnd) => batch.add(readLogRecord(r, recordEnd), scope),
    (reason) => batch.reject(reason),
  );
}

/** LogRecord: see the tag comments for field numbers. */
function readLogRecord(r: Reader, end: number): DecodedLogRecord {
  const d: DecodedLogRecord = {
    traceId: "",
    spanId: "",
    problems: null,
    timeMs: 0,
    observedTimeMs: 0,
    severityNumber: 0,
    severityText: "",
    eventName: "",
    body: null,
    attributes: {},
  };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 9: d.timeMs = readFixed64Ms(r); break; // 1 time_unix_nano
      case 16: d.severityNumber = r.int32(); break; // 2 severity_number
      case 26: d.severityText = r.string(); break; // 3 severity_text
      case 42: d.body = readAnyValue(r, delimitedEnd(r), 0); break; // 5 body
      case 50: readKeyValue(r, delimitedEnd(r), d.attributes, 0); break; // 6 attributes
      case 56: noteDroppedAttributes(d.attributes, r.uint32()); break; // 7 dropped_attributes_count
      case 74: d.traceId = readId(r, TRACE_ID_BYTES, "trace_id", d); break; // 9 trace_id
      case 82: d.spanId = readId(r, SPAN_ID_BYTES, "span_id", d); break; // 10 span_id
      case 89: d.observedTimeMs = readFixed64Ms(r); break; // 11 observed_time_unix_nano
      case 98: d.eventName = r.string(); break; // 12 event_name
      default: skipField(r, tag); // 8 flags (fixed32), unknown fields
    }
  }
  return d;
}

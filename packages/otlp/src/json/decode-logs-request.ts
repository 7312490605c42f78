import { SPAN_ID_BYTES, TRACE_ID_BYTES, describeValue, parseJsonId } from "../common/ids";
import { jsonNanosToMs } from "../common/time";
import { OtlpDecodeError } from "../errors";
import { parseOtlpJsonBody } from "./parse-body";
import { LogBatch, noteDroppedAttributes, type DecodedLogRecord } from "../logs/log-batch";
import type { DecodeLogsOptions, DecodeLogsResult } from "../logs/log-record";
import type { Attributes } from "../normalized-span";
import { jsonAnyValue, jsonAttributesInto } from "./any-value";
import type { JsonObject } from "./fields";
import { countField, field, isObject, listField, stringField } from "./fields";

/**
 * OTLP/JSON ExportLogsServiceRequest -> log records, with the trace decoder's
 * tolerances (snake_case, base64 ids, int64 as numbers, severity as an enum name).
 */

const SEVERITY_RE = /^SEVERITY_NUMBER_(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)(\d?)$/;
const SEVERITY_BASE: Record<string, number> = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 };

/** Decode an OTLP/JSON logs body: a string, UTF-8 bytes, or an already-parsed object. */
export function decodeLogsRequestJson(body: string | Uint8Array | unknown, options: DecodeLogsOptions = {}): DecodeLogsResult {
  const root = parseOtlpJsonBody(body, "resourceLogs", "resource_logs");
  const batch = new LogBatch(options);
  try {
    for (const [i, rl] of listField(root, "resourceLogs", "resource_logs").entries()) {
      if (!isObject(rl)) {
        batch.reject(`resourceLogs[${i}] must be an object, got ${describeValue(rl)}`);
        continue;
      }
      readResourceLogs(rl, batch);
    }
  } catch (error) {
    throw new OtlpDecodeError(`body could not be decoded as OTLP/JSON logs: ${(error as Error)?.message ?? String(error)}`);
  }
  return batch.result;
}

function readResourceLogs(rl: JsonObject, batch: LogBatch): void {
  const res = field(rl, "resource", "resource");
  const resource: Attributes = {};
  if (isObject(res)) jsonAttributesInto(res.attributes, resource, 0);
  for (const sl of listField(rl, "scopeLogs", "scope_logs")) {
    if (!isObject(sl)) continue;
    const scopeObj = field(sl, "scope", "scope");
    const name = isObject(scopeObj) ? stringField(scopeObj, "name", "name") || null : null;
    const version = isObject(scopeObj) ? stringField(scopeObj, "version", "version") || null : null;
    const scope = batch.scope(resource, name, version);
    for (const lr of listField(sl, "logRecords", "log_records")) {
      if (!isObject(lr)) {
        batch.reject(`log record must be an object, got ${describeValue(lr)}`);
        continue;
      }
      try {
        batch.add(readLogRecord(lr), scope);
      } catch (error) {
        batch.reject(`malformed log record: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }
}

function readId(lr: JsonObject, camel: string, snake: string, bytes: number, d: DecodedLogRecord): string {
  const parsed = parseJsonId(field(lr, camel, snake), bytes, snake);
  if ("hex" in parsed) return parsed.hex;
  if ("problem" in parsed) (d.problems ??= []).push(parsed.problem);
  return "";
}

/** severity_number as a number, numeric string, or enum name ("SEVERITY_NUMBER_INFO2"). */
function severityNumber(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value !== "string") return 0;
  if (/^\d+$/.test(value)) return Number(value);
  const m = SEVERITY_RE.exec(value.toUpperCase());
  return m ? SEVERITY_BASE[m[1]!]! + Math.max(0, Number(m[2] || "1") - 1) : 0;
}

function readLogRecord(lr: JsonObject): DecodedLogRecord {
  const d: DecodedLogRecord = {
    traceId: "",
    spanId: "",
    problems: null,
    timeMs: jsonNanosToMs(field(lr, "timeUnixNano", "time_unix_nano")),
    observedTimeMs: jsonNanosToMs(field(lr, "observedTimeUnixNano", "observed_time_unix_nano")),
    severityNumber: severityNumber(field(lr, "severityNumber", "severity_number")),
    severityText: stringField(lr, "severityText", "severity_text"),
    eventName: stringField(lr, "eventName", "event_name"),
    body: jsonAnyValue(lr.body, 0),
    attributes: {},
  };
  d.traceId = readId(lr, "traceId", "trace_id", TRACE_ID_BYTES, d);
  d.spanId = readId(lr, "spanId", "span_id", SPAN_ID_BYTES, d);
  jsonAttributesInto(lr.attributes, d.attributes, 0);
  noteDroppedAttributes(d.attributes, countField(lr, "droppedAttributesCount", "dropped_attributes_count"));
  return d;
}

import { setAttribute } from "../common/attributes";
import { isZeroHex } from "../common/ids";
import type { AttrValue, Attributes } from "../normalized-span";
import { truncateAttributes, truncateValue } from "../truncate/truncate-attributes";
import type { DecodeLogsOptions, DecodeLogsResult, OtlpLogRecord } from "./log-record";

/** Resource and scope of the records being read. */
export interface LogScope {
  resourceAttributes: Attributes;
  serviceName: string | null;
  scopeName: string | null;
  scopeVersion: string | null;
}

/** One record as a decoder read it, before validation. Ids "" when absent. */
export interface DecodedLogRecord {
  traceId: string;
  spanId: string;
  problems: string[] | null;
  timeMs: number;
  observedTimeMs: number;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: AttrValue;
  attributes: Attributes;
}

/**
 * Collects a logs batch for both decoders: validates ids (a record with a span context
 * needs a 16-byte trace id and an 8-byte span id, not all zeros; no ids at all is a
 * record without one), applies the size limit, and keeps the rest.
 */
export class LogBatch {
  readonly result: DecodeLogsResult = { records: [], rejected: [] };
  private index = 0;
  readonly maxBytes: number | null;

  constructor(options: DecodeLogsOptions) {
    const max = options.maxAttributeBytes;
    this.maxBytes = typeof max === "number" && max >= 0 && Number.isFinite(max) ? Math.floor(max) : null;
  }

  /** The resource context of a ResourceLogs, size-limited. */
  scope(resourceAttributes: Attributes, scopeName: string | null, scopeVersion: string | null): LogScope {
    const service = resourceAttributes["service.name"];
    return {
      resourceAttributes: this.maxBytes === null ? resourceAttributes : truncateAttributes(resourceAttributes, this.maxBytes),
      serviceName: typeof service === "string" && service !== "" ? service : null,
      scopeName,
      scopeVersion,
    };
  }

  /** Records a record that could not be read at all. */
  reject(reason: string): void {
    this.result.rejected.push({ index: this.index++, reason });
  }

  /** Validates and keeps (or refuses) one record. */
  add(d: DecodedLogRecord, scope: LogScope): void {
    const index = this.index++;
    const problems = d.problems ?? [];
    const hasTrace = d.traceId !== "" && !isZeroHex(d.traceId);
    const hasSpan = d.spanId !== "" && !isZeroHex(d.spanId);
    if (hasSpan && !hasTrace) problems.push("span_id is set but trace_id is missing or all zeros");
    if (Number.isNaN(d.timeMs)) problems.push("time_unix_nano is not a uint64 nanosecond count");
    if (Number.isNaN(d.observedTimeMs)) problems.push("observed_time_unix_nano is not a uint64 nanosecond count");
    if (problems.length > 0) {
      this.result.rejected.push({ index, reason: problems.join("; ") });
      return;
    }
    let eventName: string | null = d.eventName || null;
    const legacy = d.attributes["event.name"];
    if (!eventName && typeof legacy === "string" && legacy !== "") eventName = legacy;
    const attributes = this.maxBytes === null ? d.attributes : truncateAttributes(d.attributes, this.maxBytes);
    const record: OtlpLogRecord = {
      traceId: hasTrace ? d.traceId : null,
      spanId: hasTrace && hasSpan ? d.spanId : null,
      timeMs: d.timeMs > 0 ? d.timeMs : null,
      observedTimeMs: d.observedTimeMs > 0 ? d.observedTimeMs : null,
      severityNumber: d.severityNumber > 0 ? d.severityNumber : null,
      severityText: d.severityText || null,
      eventName,
      body: this.maxBytes === null ? d.body : truncateValue(d.body, this.maxBytes),
      attributes,
      serviceName: scope.serviceName,
      scopeName: scope.scopeName,
      scopeVersion: scope.scopeVersion,
      resourceAttributes: scope.resourceAttributes,
    };
    this.result.records.push(record);
  }
}

/** Keep the SDK's dropped-attribute count on the record. */
export function noteDroppedAttributes(attributes: Attributes, count: number): void {
  if (count > 0) setAttribute(attributes, "onset.otlp.dropped_attributes_count", count);
}

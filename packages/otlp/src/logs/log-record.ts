import type { AttrValue, Attributes } from "../normalized-span";

/**
 * One OTLP log record after decoding (logs/v1/logs.proto LogRecord), with its resource
 * and scope folded in. Ids are lowercase hex or null when the record has no span
 * context; times are epoch milliseconds or null when the sender left them 0.
 */
export interface OtlpLogRecord {
  traceId: string | null;
  spanId: string | null;
  timeMs: number | null;
  observedTimeMs: number | null;
  severityNumber: number | null;
  severityText: string | null;
  /** LogRecord.event_name, or the older `event.name` attribute when that is absent. */
  eventName: string | null;
  body: AttrValue;
  attributes: Attributes;
  serviceName: string | null;
  scopeName: string | null;
  scopeVersion: string | null;
  resourceAttributes: Attributes;
}

/** A record the decoder refused, with the broken contract named. */
export interface RejectedLogRecord {
  index: number;
  reason: string;
}

/** What both log decoders return. */
export interface DecodeLogsResult {
  records: OtlpLogRecord[];
  rejected: RejectedLogRecord[];
}

/** Options of the log decoders. */
export interface DecodeLogsOptions {
  /** Truncate string values in attributes and the body longer than this many UTF-8 bytes. */
  maxAttributeBytes?: number;
}

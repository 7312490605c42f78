/**
 * @onset/otlp: OTLP trace decoding (protobuf and JSON) into normalized spans, the
 * semantic-convention mapper registry, attribute size limits and mapping diagnostics.
 * Pure functions only: the collector owns HTTP, gzip and auth.
 */
export type {
  SpanType,
  AttrValue,
  Attributes,
  ToolCallRequest,
  ChatMessage,
  SpanContent,
  TokenUsage,
  ToolInvocation,
  SpanError,
  SpanEvent,
  SpanStatusCode,
  NormalizedSpan,
} from "./normalized-span";
export { SPAN_TYPES, emptyUsage } from "./normalized-span";

/** Decoding results and options. */
export type { DecodeOptions, DecodeResult, DecodeWarning, RejectedSpan } from "./decode-result";
/** The only error the decoders throw (400 `invalid_otlp`). */
export { OtlpDecodeError, isOtlpDecodeError } from "./errors";
/** The NormalizedSpan defaults: normalizedSpan(over) for builders and tests, unmappedFields() for the decoder. */
export { normalizedSpan, unmappedFields, type UnmappedFields } from "./span-factory";
/** The error base every package's errors extend: status, code, message, details. */
export { OnsetError, isOnsetError } from "./onset-error";
/** decodeTraceRequestProtobuf(bytes, options?): OTLP/protobuf ExportTraceServiceRequest -> spans. */
export { decodeTraceRequestProtobuf } from "./protobuf/decode-trace-request";
/** decodeTraceRequestJson(body, options?): OTLP/JSON (string, bytes or parsed object) -> spans. */
export { decodeTraceRequestJson } from "./json/decode-trace-request";

/** Building the ExportTraceServiceResponse (partial success) in both encodings. */
export type { TracePartialSuccess } from "./common/partial-success";
export { partialSuccessFor } from "./common/partial-success";
export { encodeTraceResponseProtobuf } from "./protobuf/encode-trace-response";
export type { TraceResponseJson } from "./json/encode-trace-response";
export { traceResponseJson, encodeTraceResponseJson } from "./json/encode-trace-response";

/** The mapper registry and its building blocks. */
export type { SpanMapper, MappableSpan, MappedFields, KeySpec } from "./normalize/mapper";
export { keyMatcher } from "./normalize/mapper";
export { DEFAULT_MAPPERS, normalizeSpan } from "./normalize/registry";
export { toInclusiveUsage } from "./normalize/usage";
export { contentFromValue } from "./normalize/content";
/** toolTextOf(content): the tool arguments or result a mapper-derived input/output came from. */
export { toolTextOf } from "./normalize/tool-content";
export { toChatMessages } from "./normalize/messages";
export { crewAiTelemetryMapper } from "./mappers/crewai-telemetry";
export { genericMapper } from "./mappers/generic";
export { genkitMapper } from "./mappers/genkit";
export { langfuseMapper } from "./mappers/langfuse";
export { logfireMapper } from "./mappers/logfire";
export { mastraMapper } from "./mappers/mastra";
export { openInferenceMapper } from "./mappers/openinference";
export { openLitMapper } from "./mappers/openlit";
export { openLlmetryMapper } from "./mappers/openllmetry";
export { otelGenAiMapper } from "./mappers/otel-genai";
export { vercelAiMapper } from "./mappers/vercel-ai";

/** Attribute size limits. */
export { truncateAttributes, truncateContent, truncateString, truncationMarker } from "./truncate/truncate-attributes";
export { truncateSpanInPlace } from "./truncate/truncate-span";

/** Mapping diagnostics. */
export type { ScopeMappingDiagnostics } from "./diagnostics/mapping-diagnostics";
export { mappingDiagnostics } from "./diagnostics/mapping-diagnostics";

/** OTLP logs: decoding (protobuf and JSON), GenAI event content, export responses (logs and metrics). */
export type { OtlpLogRecord, RejectedLogRecord, DecodeLogsResult, DecodeLogsOptions } from "./logs/log-record";
export { decodeLogsRequestProtobuf } from "./protobuf/decode-logs-request";
export { decodeLogsRequestJson } from "./json/decode-logs-request";
export type { SpanLogRecord, SpanLogContent } from "./logs/genai-log-content";
export { GENAI_CONTENT_EVENTS, LOG_EVENT_MARKER, isGenAiContentRecord, spanContentFromLogs } from "./logs/genai-log-content";
export type { ExportPartialSuccess } from "./logs/encode-export-response";
export { logsPartialSuccess, encodeExportResponseProtobuf, encodeExportResponseJson } from "./logs/encode-export-response";

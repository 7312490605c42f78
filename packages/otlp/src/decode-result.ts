import type { NormalizedSpan } from "./normalized-span";
import type { SpanMapper } from "./normalize/mapper";

/** A span the decoder refused, with the broken contract named. */
export interface RejectedSpan {
  /** Position of the span in the request (0-based, counting every span in wire order). */
  index?: number;
  /** The span id when it could be read (lowercase hex). */
  spanId?: string;
  reason: string;
}

/** A span that was kept but had something odd the caller may want to log. */
export interface DecodeWarning {
  index: number;
  spanId: string;
  reason: string;
}

/** What both decoders return: the good spans, the refused ones, and notes. */
export interface DecodeResult {
  spans: NormalizedSpan[];
  rejected: RejectedSpan[];
  warnings: DecodeWarning[];
}

/** Knobs shared by the JSON and protobuf decoders. */
export interface DecodeOptions {
  /** Run the semantic-convention mappers (default true). False leaves every span "generic"/"other". */
  normalize?: boolean;
  /** Mapper registry to use, in priority order (default DEFAULT_MAPPERS). */
  mappers?: readonly SpanMapper[];
  /** Truncate string values (attributes, events, input/output, tool args/result, errors) longer than this many UTF-8 bytes. Default: no limit. */
  maxAttributeBytes?: number;
  /** An end time this much (ms) before the start is clamped silently; beyond it a warning is added too. Default 1. */
  clockSkewToleranceMs?: number;
  /**
   * Takes each accepted span as soon as it is built (validated, mapped, truncated), in
   * wire order, instead of DecodeResult.spans (then left empty): a caller that turns
   * spans into something else (the collector's COPY rows) never holds the request's
   * whole span graph. It must not throw (a throw would refuse the span as malformed).
   */
  onSpan?: (span: NormalizedSpan) => void;
}

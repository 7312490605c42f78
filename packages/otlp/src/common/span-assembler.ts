import type { DecodeOptions, DecodeResult } from "../decode-result";
import type { Attributes, NormalizedSpan } from "../normalized-span";
import { unmappedFields } from "../span-factory";
import { applyMappersInPlace } from "../normalize/apply-mappers";
import type { SpanMapper } from "../normalize/mapper";
import { truncateSpanInPlace } from "../truncate/truncate-span";
import { isZeroHex } from "./ids";

/** Resource-level context shared by all spans of one ResourceSpans. */
export interface ResourceContext {
  attributes: Attributes;
  serviceName: string | null;
}

/** Scope-level context shared by all spans of one ScopeSpans. */
export interface ScopeContext {
  resource: ResourceContext;
  name: string | null;
  version: string | null;
}

/**
 * One span as a decoder read it off the wire, before validation: the wire fields of a
 * NormalizedSpan, unchecked. Ids are lowercase hex ("" when absent); times are epoch ms
 * (0 when absent, NaN when unreadable).
 */
export interface DecodedSpan
  extends Pick<NormalizedSpan, "traceId" | "spanId" | "parentSpanId" | "name" | "kind" | "startTimeMs" | "endTimeMs" | "statusCode" | "statusMessage" | "attributes" | "events"> {
  /** Contract violations the decoder already found (a bad id length), or null. */
  problems: string[] | null;
}

/** True when a decoder already named a problem with this field (so "missing" would be wrong). */
function named(problems: string[] | null, field: string): boolean {
  return problems !== null && problems.some((p) => p.startsWith(field));
}

/** Reasons a decoded span breaks the OTLP contract, or null when it is fine. */
function contractProblems(d: DecodedSpan): string[] | null {
  const problems = d.problems ?? [];
  if (d.traceId === "") {
    if (!named(d.problems, "trace_id")) problems.push("trace_id is missing");
  } else if (isZeroHex(d.traceId)) problems.push("trace_id is all zeros");
  if (d.spanId === "") {
    if (!named(d.problems, "span_id")) problems.push("span_id is missing");
  } else if (isZeroHex(d.spanId)) problems.push("span_id is all zeros");
  if (Number.isNaN(d.startTimeMs)) problems.push("start_time_unix_nano is not a uint64 nanosecond count");
  else if (d.startTimeMs === 0) problems.push("start_time_unix_nano is missing or 0");
  if (Number.isNaN(d.endTimeMs)) problems.push("end_time_unix_nano is not a uint64 nanosecond count");
  return problems.length > 0 ? problems : null;
}

/**
 * Collects a batch: validates each decoded span against the OTLP contract, rejects
 * the broken ones with a reason, builds NormalizedSpan for the rest, runs the
 * mappers and the size limit. Shared by the JSON and protobuf decoders so both
 * enforce exactly the same rules.
 */
export class BatchAssembler {
  readonly result: DecodeResult = { spans: [], rejected: [], warnings: [] };
  /** Spans seen so far (accepted or not): the next span's index. */
  index = 0;
  private readonly mappers: readonly SpanMapper[] | null;
  private readonly maxBytes: number | null;
  private readonly tolerance: number;
  private readonly onSpan: ((span: NormalizedSpan) => void) | null;

  constructor(options: DecodeOptions, defaultMappers: readonly SpanMapper[]) {
    this.mappers = options.normalize === false ? null : (options.mappers ?? defaultMappers);
    const max = options.maxAttributeBytes;
    this.maxBytes = typeof max === "number" && max >= 0 && Number.isFinite(max) ? Math.floor(max) : null;
    this.tolerance = options.clockSkewToleranceMs ?? 1;
    this.onSpan = options.onSpan ?? null;
  }

  /** Size limit in bytes, or null; decoders apply it to resource attributes themselves. */
  get maxAttributeBytes(): number | null {
    return this.maxBytes;
  }

  /** Record a span the decoder could not read at all (its bytes or JSON were broken). */
  reject(reason: string, spanId?: string): void {
    const entry: { index: number; spanId?: string; reason: string } = { index: this.index++, reason };
    if (spanId) entry.spanId = spanId;
    this.result.rejected.push(entry);
  }

  /** Validate and keep (or reject) one decoded span. */
  add(d: DecodedSpan, scope: ScopeContext): void {
    const index = this.index++;
    const problems = contractProblems(d);
    if (problems !== null) {
      const entry: { index: number; spanId?: string; reason: string } = { index, reason: problems.join("; ") };
      if (d.spanId.length === 16) entry.spanId = d.spanId;
      this.result.rejected.push(entry);
      return;
    }
    let end = d.endTimeMs;
    if (end === 0) {
      end = d.startTimeMs;
      this.result.warnings.push({ index, spanId: d.spanId, reason: "end_time_unix_nano is missing; using the start time" });
    } else if (end < d.startTimeMs) {
      if (d.startTimeMs - end > this.tolerance) {
        this.result.warnings.push({
          index,
          spanId: d.spanId,
          reason: `end_time_unix_nano is ${(d.startTimeMs - end).toFixed(3)} ms before start; end clamped to start`,
        });
      }
      end = d.startTimeMs;
    }
    // An event without a usable time happened somewhere in the span; pin it to the start.
    for (const event of d.events) if (!(event.timeMs > 0)) event.timeMs = d.startTimeMs;
    const parent = d.parentSpanId !== null && !isZeroHex(d.parentSpanId) ? d.parentSpanId : null;
    const span: NormalizedSpan = {
      traceId: d.traceId,
      spanId: d.spanId,
      parentSpanId: parent,
      name: d.name,
      kind: d.kind,
      startTimeMs: d.startTimeMs,
      endTimeMs: end,
      statusCode: d.statusCode,
      statusMessage: d.statusMessage,
      ...unmappedFields(),
      serviceName: scope.resource.serviceName,
      scopeName: scope.name,
      scopeVersion: scope.version,
      attributes: d.attributes,
      events: d.events,
      resourceAttributes: scope.resource.attributes,
    };
    if (this.mappers) {
      try {
        applyMappersInPlace(span, this.mappers);
      } catch (error) {
        // A mapper bug must not lose the span: keep it unmapped and say why.
        Object.assign(span, unmappedFields());
        this.result.warnings.push({ index, spanId: d.spanId, reason: `normalization failed: ${(error as Error)?.message ?? String(error)}` });
      }
    }
    if (this.maxBytes !== null) truncateSpanInPlace(span, this.maxBytes);
    if (this.onSpan) this.onSpan(span);
    else this.result.spans.push(span);
  }
}

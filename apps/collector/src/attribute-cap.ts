/**
 * A cap on the number of attributes one span or log record keeps
 * (ONSET_MAX_SPAN_ATTRIBUTES, default 1,000; OpenTelemetry SDKs keep 128 by default). A
 * span with 100,000 attributes fits in a request body but would cost its weight in every
 * read, analysis and page after: past the cap the rest are dropped and counted in
 * `onset.otlp.dropped_attributes_count`, where the SDK's own drops are counted too.
 */
import type { Attributes, NormalizedSpan } from "@onset/otlp";

const DROPPED = "onset.otlp.dropped_attributes_count";

/** `attributes` with at most `max` keys (0: no cap); the same object when within the cap. */
export function capAttributes(attributes: Attributes, max: number): Attributes {
  if (max <= 0) return attributes;
  const keys = Object.keys(attributes);
  if (keys.length <= max) return attributes;
  const kept: Attributes = {};
  for (const k of keys.slice(0, max)) kept[k] = attributes[k]!;
  const already = attributes[DROPPED];
  kept[DROPPED] = (typeof already === "number" ? already : 0) + keys.length - max;
  return kept;
}

/** `span` with at most `max` attributes (0: no cap); the same object when within the cap. */
export function capSpanAttributesOf(span: NormalizedSpan, max: number): NormalizedSpan {
  const attributes = capAttributes(span.attributes, max);
  return attributes === span.attributes ? span : { ...span, attributes };
}

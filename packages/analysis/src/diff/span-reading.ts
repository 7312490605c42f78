/**
 * Small readers that pull what the run diff needs out of a NormalizedSpan: text of its
 * content, parsed tool arguments, attributes of a given shape. Pure; never throw on odd input.
 */
import type { AttrValue, NormalizedSpan, SpanContent } from "@onset/otlp";

/**
 * What a span's input or output says as an answer: its text, JSON stringified, or the
 * last chat message (the reply); null when empty. Not spans/span-text.ts's contentText,
 * which joins every message.
 */
export function answerText(content: SpanContent | null): string | null {
  if (!content) return null;
  switch (content.kind) {
    case "text":
      return content.text;
    case "json":
      return typeof content.value === "string" ? content.value : JSON.stringify(content.value);
    case "messages": {
      // The answer of a message list is its last message (the assistant's reply).
      const last = content.messages[content.messages.length - 1];
      return last ? last.content : null;
    }
  }
}

/** A string attribute, or null. */
export function attrString(span: NormalizedSpan, key: string): string | null {
  const v = span.attributes[key];
  return typeof v === "string" && v.length > 0 ? v : null;
}

/** A numeric attribute (numbers sent as strings are accepted: exports do that), or null. */
export function attrNumber(span: NormalizedSpan, key: string): number | null {
  const v = span.attributes[key];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** First of several string attributes that is present. */
export function firstAttrString(span: NormalizedSpan, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = attrString(span, k);
    if (v !== null) return v;
  }
  return null;
}

/** Parse a JSON string into an object when it is one; anything else gives null. */
export function parseJsonObject(text: string | null): Record<string, AttrValue> | null {
  if (!text) return null;
  const t = text.trim();
  if (!t.startsWith("{")) return null;
  try {
    const v: unknown = JSON.parse(t);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, AttrValue>) : null;
  } catch {
    return null;
  }
}

/** Length of a JSON array held in a string or value, or null when it is not an array. */
export function jsonArrayLength(value: AttrValue | string | null | undefined): number | null {
  if (Array.isArray(value)) return value.length;
  if (typeof value !== "string") return null;
  const t = value.trim();
  if (!t.startsWith("[")) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? v.length : null;
  } catch {
    return null;
  }
}

/** Token count of a span: input + output, null when neither was reported. */
export function spanTokens(span: NormalizedSpan): number | null {
  const { input, output } = span.usage;
  if (input === null && output === null) return null;
  return (input ?? 0) + (output ?? 0);
}

/** The span's end minus start, never negative (clock skew happens). */
export function spanLatencyMs(span: NormalizedSpan): number {
  return Math.max(0, span.endTimeMs - span.startTimeMs);
}

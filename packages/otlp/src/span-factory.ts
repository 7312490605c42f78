/**
 * The one place a NormalizedSpan's "nothing known" defaults are written: the decoder
 * starts every span from them, the importers build their spans on them, and tests get
 * them through `normalizedSpan` (and @onset/db/test-support's `makeSpan`).
 */
import { emptyUsage, type NormalizedSpan } from "./normalized-span";

/** The fields a mapper fills: here as for a span no mapper has looked at (type other, nothing known). */
export type UnmappedFields = Pick<
  NormalizedSpan,
  | "type" | "model" | "provider" | "input" | "output" | "usage" | "costUsd" | "costSource"
  | "tool" | "error" | "sessionId" | "userId" | "conversationId" | "agentName" | "mapper"
>;

/** The semantic fields of a span no mapper has looked at. */
export function unmappedFields(): UnmappedFields {
  return {
    type: "other",
    model: null,
    provider: null,
    input: null,
    output: null,
    usage: emptyUsage(),
    costUsd: null,
    costSource: null,
    tool: null,
    error: null,
    sessionId: null,
    userId: null,
    conversationId: null,
    agentName: null,
    mapper: "generic",
  };
}

/**
 * A NormalizedSpan with every field at its default - a root (no parent), internal kind,
 * status unset, no semantic field known, no attributes or events - and `over` on top.
 * Times default to 0: pass them.
 */
export function normalizedSpan(over: Partial<NormalizedSpan> & Pick<NormalizedSpan, "traceId" | "spanId">): NormalizedSpan {
  const { traceId, spanId, ...rest } = over;
  return {
    traceId,
    spanId,
    parentSpanId: null,
    name: "span",
    kind: 1,
    startTimeMs: 0,
    endTimeMs: 0,
    statusCode: "unset",
    statusMessage: null,
    ...unmappedFields(),
    serviceName: null,
    scopeName: null,
    scopeVersion: null,
    attributes: {},
    events: [],
    resourceAttributes: {},
    ...rest,
  };
}

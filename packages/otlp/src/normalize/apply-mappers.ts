import type { NormalizedSpan, SpanError, TokenUsage, ToolInvocation } from "../normalized-span";
import type { MappedFields, SpanMapper } from "./mapper";
import { deriveSpanError } from "./span-error";
import { contentFromToolText } from "./tool-content";

const USAGE_KEYS = ["input", "output", "cacheRead", "cacheWrite", "reasoning"] as const;
const SCALAR_KEYS = ["type", "model", "provider", "input", "output", "costUsd", "sessionId", "userId", "conversationId", "agentName"] as const;

/** Fields gathered from all matching mappers; the first mapper to provide one wins. */
interface Gathered {
  primary: string | null;
  firstDetected: string | null;
  scalars: MappedFields;
  usage: Partial<TokenUsage>;
  tool: Partial<ToolInvocation> | undefined;
  error: Partial<SpanError> | undefined;
}

/** Run every detecting mapper in priority order and merge what they found. */
function gather(span: NormalizedSpan, mappers: readonly SpanMapper[]): Gathered {
  const g: Gathered = { primary: null, firstDetected: null, scalars: {}, usage: {}, tool: undefined, error: undefined };
  for (const mapper of mappers) {
    if (!mapper.detect(span)) continue;
    const found = mapper.map(span);
    // The span "belongs" to the first convention that could say what it is.
    if (found.type !== undefined && g.scalars.type === undefined) g.primary = mapper.name;
    g.firstDetected ??= mapper.name;
    const scalars = g.scalars as Record<string, unknown>;
    for (const key of SCALAR_KEYS) {
      if (scalars[key] === undefined && found[key] !== undefined) scalars[key] = found[key];
    }
    if (found.usage) {
      for (const key of USAGE_KEYS) {
        const value = found.usage[key];
        if (g.usage[key] === undefined && value !== undefined && value !== null) g.usage[key] = value;
      }
    }
    if (found.tool) g.tool = { ...found.tool, ...stripUndefined(g.tool) };
    if (found.error) g.error = { ...found.error, ...stripUndefined(g.error) };
  }
  return g;
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!value) return out;
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Fill a freshly decoded span's semantic fields in place from the mapper registry.
 * Only the decoder calls this, on spans it has just built and owns; everyone else
 * uses the pure `normalizeSpan`.
 */
export function applyMappersInPlace(span: NormalizedSpan, mappers: readonly SpanMapper[]): void {
  const g = gather(span, mappers);
  const s = g.scalars;
  span.mapper = g.primary ?? g.firstDetected ?? "generic";
  span.type = s.type ?? "other";
  span.model = s.model ?? null;
  span.provider = s.provider ?? null;
  span.input = s.input ?? null;
  span.output = s.output ?? null;
  const rollup = isRollup(span);
  span.usage = {
    input: rollup ? null : (g.usage.input ?? null),
    output: rollup ? null : (g.usage.output ?? null),
    cacheRead: rollup ? null : (g.usage.cacheRead ?? null),
    cacheWrite: rollup ? null : (g.usage.cacheWrite ?? null),
    reasoning: rollup ? null : (g.usage.reasoning ?? null),
  };
  const cost = rollup ? undefined : s.costUsd;
  span.costUsd = cost ?? null;
  span.costSource = cost !== undefined ? "reported" : null;
  span.sessionId = s.sessionId ?? null;
  span.userId = s.userId ?? null;
  span.conversationId = s.conversationId ?? null;
  span.agentName = s.agentName ?? null;
  span.tool = finishTool(span, g.tool);
  // A tool span shows its arguments and result as input and output when no convention set them.
  if (span.tool && span.type === "tool") {
    span.input ??= contentFromToolText(span.tool.arguments);
    span.output ??= contentFromToolText(span.tool.result);
  }
  span.error = deriveSpanError(span, g.error);
}

/**
 * Tokens and cost on an in-process agent or chain span are the sum over the model
 * calls below it (Vercel's ai.generateText, pydantic-ai's agent run, OTel
 * invoke_agent, OpenInference AGENT/CHAIN): counting them again would double every
 * total and every computed price. NormalizedSpan.usage means "consumed by this span's
 * own model call", so those roll-ups stay only in the raw attributes. A CLIENT-kind
 * agent span is a call to a remote agent whose model calls we never see (OTel GenAI
 * agent spans): its usage is its own and is kept.
 */
function isRollup(span: NormalizedSpan): boolean {
  return (span.type === "agent" || span.type === "chain") && span.kind !== 3;
}

/** A tool invocation needs a name; a tool-typed span without one is named after the span. */
function finishTool(span: NormalizedSpan, tool: Partial<ToolInvocation> | undefined): ToolInvocation | null {
  const name = tool?.name ?? (span.type === "tool" ? span.name : undefined);
  if (!name) return null;
  return { name, callId: tool?.callId ?? null, arguments: tool?.arguments ?? null, result: tool?.result ?? null };
}

/** Pure normalization: a copy of the span with its semantic fields recomputed by the mappers. */
export function remapSpan(span: NormalizedSpan, mappers: readonly SpanMapper[]): NormalizedSpan {
  const copy: NormalizedSpan = { ...span, usage: { ...span.usage } };
  applyMappersInPlace(copy, mappers);
  return copy;
}

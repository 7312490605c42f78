/**
 * Test fixtures: build NormalizedSpan runs tersely. Used by the run-diff tests and the
 * benchmark script; not part of the public surface.
 */
import { emptyUsage, normalizedSpan } from "@onset/otlp";
import type { NormalizedSpan, SpanType } from "@onset/otlp";

/** What a fixture span may set; everything else gets a neutral default. */
export interface SpanSpec {
  id: string;
  parent?: string | null;
  type: SpanType;
  name: string;
  start: number;
  end: number;
  agent?: string;
  model?: string;
  error?: boolean | { type: string; message?: string };
  tool?: { name: string; args?: string | null; result?: string | null };
  input?: string;
  output?: string;
  finishReason?: string;
  toolCalls?: string[];
  tokens?: { input: number; output: number };
  costUsd?: number;
  attributes?: NormalizedSpan["attributes"];
}

/** One NormalizedSpan from a spec. */
export function makeSpan(spec: SpanSpec, traceId = "0".repeat(32)): NormalizedSpan {
  const failed = spec.error !== undefined && spec.error !== false;
  const err = typeof spec.error === "object" ? spec.error : null;
  const llmOutput =
    spec.type === "llm" && (spec.finishReason !== undefined || spec.toolCalls !== undefined || spec.output !== undefined)
      ? {
          kind: "messages" as const,
          messages: [
            {
              role: "assistant",
              content: spec.output ?? "",
              finishReason: spec.finishReason,
              toolCalls: (spec.toolCalls ?? []).map((name, i) => ({ id: `call_${i}`, name, arguments: "{}" })),
            },
          ],
        }
      : null;
  return normalizedSpan({
    traceId,
    spanId: spec.id,
    parentSpanId: spec.parent ?? null,
    name: spec.name,
    startTimeMs: spec.start,
    endTimeMs: spec.end,
    statusCode: failed ? "error" : "ok",
    statusMessage: failed ? (err?.message ?? "failed") : null,
    type: spec.type,
    model: spec.model ?? null,
    input: spec.input !== undefined ? { kind: "text", text: spec.input } : null,
    output: llmOutput ?? (spec.output !== undefined ? { kind: "text", text: spec.output } : null),
    usage: spec.tokens ? { ...emptyUsage(), input: spec.tokens.input, output: spec.tokens.output } : emptyUsage(),
    costUsd: spec.costUsd ?? null,
    costSource: spec.costUsd !== undefined ? "reported" : null,
    tool: spec.tool ? { name: spec.tool.name, callId: null, arguments: spec.tool.args ?? null, result: spec.tool.result ?? null } : null,
    error: failed ? { type: err?.type ?? "Error", message: err?.message ?? "failed", stacktrace: null } : null,
    agentName: spec.agent ?? null,
    mapper: "test",
    attributes: spec.attributes ?? {},
  });
}

/** A run from specs. */
export function makeRun(specs: readonly SpanSpec[], traceId?: string): NormalizedSpan[] {
  return specs.map((s) => makeSpan(s, traceId));
}

/** Deterministic PRNG (mulberry32) for seeded property tests. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A run from a one-line script, for classification and property tests. Items, in order,
 * each 10 ms long under a root chain span "run" whose output is `answer`:
 *   "@name"        agent span (a routing decision to `name`)
 *   "tool:op"      tool `tool` called with {"operation": op}; "tool:op!" fails
 *   "llm:finish"   LLM call of gpt-4o with that finish reason
 *   "mem+type"     memory write of entry type `type`; "mem?" memory read
 *   "ret"          retrieval
 *   "err"          an agent error (failed chain span)
 */
export function scriptedRun(script: string, answer: string | null, traceId?: string): NormalizedSpan[] {
  const items = script.split(/\s+/).filter((x) => x !== "");
  const specs: SpanSpec[] = [];
  const end = items.length * 10 + 5;
  specs.push({ id: "root", type: "chain", name: "run", start: 0, end, ...(answer !== null ? { output: answer } : {}) });
  items.forEach((item, k) => {
    const id = `s${k}`;
    const start = k * 10 + 1;
    const base = { id, parent: "root", start, end: start + 5 };
    if (item.startsWith("@")) {
      specs.push({ ...base, type: "agent", name: item.slice(1), agent: item.slice(1) });
    } else if (item.startsWith("llm:")) {
      specs.push({ ...base, type: "llm", name: "chat", model: "gpt-4o", finishReason: item.slice(4) });
    } else if (item.startsWith("mem+")) {
      specs.push({ ...base, type: "tool", name: "save_memory", tool: { name: "save_memory", args: JSON.stringify({ entry_type: item.slice(4) }) } });
    } else if (item === "mem?") {
      specs.push({ ...base, type: "tool", name: "read_memory", tool: { name: "read_memory", args: "{}" } });
    } else if (item === "ret") {
      specs.push({ ...base, type: "retriever", name: "retrieve" });
    } else if (item === "err") {
      specs.push({ ...base, type: "chain", name: "step", error: true });
    } else {
      const failed = item.endsWith("!");
      const [tool, op] = item.replace(/!$/, "").split(":");
      specs.push({
        ...base,
        type: "tool",
        name: tool!,
        tool: { name: tool!, args: JSON.stringify({ operation: op ?? "call" }) },
        error: failed,
      });
    }
  });
  return makeRun(specs, traceId);
}

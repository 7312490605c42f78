/**
 * Builds NormalizedSpan runs for tests, fixtures, the evaluation set and the benchmark:
 * a small clock hands out times so a test reads like the timeline drawn above it.
 * Not part of the package's public surface.
 */
import { normalizedSpan, type AttrValue, type Attributes, type ChatMessage, type NormalizedSpan, type SpanStatusCode, type SpanType } from "@onset/otlp";

/** Fields every builder call accepts. */
export interface SpanSpec {
  id?: string;
  parent?: string | null;
  name?: string;
  start?: number;
  end?: number;
  /** Duration when `end` is not given. */
  ms?: number;
  status?: SpanStatusCode;
  error?: string;
  attrs?: Attributes;
  agentName?: string | null;
  costUsd?: number | null;
}

/** An LLM call. */
export interface LlmSpec extends SpanSpec {
  model?: string;
  inputTokens?: number | null;
  outputTokens?: number | null;
  cacheRead?: number | null;
  reasoning?: number | null;
  /** Assistant text of the output. */
  text?: string;
  toolCalls?: { id?: string | null; name: string; args: unknown }[];
  inputMessages?: ChatMessage[];
}

/** A tool call. */
export interface ToolSpec extends SpanSpec {
  args?: unknown;
  result?: string | null;
  exit?: number;
  callId?: string | null;
}

/** A step: one LLM decision and the tool calls it issued, laid out one after another. */
export interface StepSpec {
  parent?: string | null;
  agentName?: string | null;
  text?: string;
  model?: string;
  tokens?: [number, number];
  costUsd?: number;
  stepIndex?: number;
  /** Emit tool-call ids on the LLM output and the tool spans. */
  withCallIds?: boolean;
  calls: (ToolSpec & { tool: string })[];
}

/** Run builder with an internal clock (ms) and readable default ids. */
export class RunBuilder {
  private readonly spans: NormalizedSpan[] = [];
  private clock: number;
  private seq = 0;
  private readonly openEnded = new Set<string>();

  constructor(
    private readonly traceId = "0af7651916cd43dd8448eb211c80319c",
    startMs = 1_700_000_000_000,
  ) {
    this.clock = startMs;
  }

  /** Current clock value. */
  now(): number {
    return this.clock;
  }

  /** Moves the clock forward. */
  wait(ms: number): this {
    this.clock += ms;
    return this;
  }

  /** An agent span; without an explicit end it ends with its last descendant. */
  agent(name: string, spec: SpanSpec = {}): string {
    const id = this.push("agent", spec.name ?? `invoke_agent ${name}`, { ...spec, agentName: spec.agentName ?? name }, 0);
    if (spec.end === undefined) this.openEnded.add(id);
    return id;
  }

  /** A chain span (structure only); without an explicit end it ends with its last descendant. */
  chain(name: string, spec: SpanSpec = {}): string {
    const id = this.push("chain", name, spec, 0);
    if (spec.end === undefined) this.openEnded.add(id);
    return id;
  }

  /** An LLM span. */
  llm(spec: LlmSpec = {}): string {
    const model = spec.model ?? "gpt-4o";
    const id = this.push("llm", spec.name ?? `chat ${model}`, spec, 10);
    const span = this.spans[this.spans.length - 1]!;
    span.model = model;
    span.provider = "openai";
    span.usage = {
      input: spec.inputTokens === undefined ? 100 : spec.inputTokens,
      output: spec.outputTokens === undefined ? 20 : spec.outputTokens,
      cacheRead: spec.cacheRead ?? null,
      cacheWrite: null,
      reasoning: spec.reasoning ?? null,
    };
    span.costUsd = spec.costUsd === undefined ? 0.001 : spec.costUsd;
    span.costSource = span.costUsd === null ? null : "reported";
    span.input = spec.inputMessages ? { kind: "messages", messages: spec.inputMessages } : null;
    const toolCalls = (spec.toolCalls ?? []).map((c) => ({
      id: c.id ?? null,
      name: c.name,
      arguments: typeof c.args === "string" ? c.args : JSON.stringify(c.args),
    }));
    span.output = {
      kind: "messages",
      messages: [{ role: "assistant", content: spec.text ?? "", ...(toolCalls.length > 0 ? { toolCalls } : {}) }],
    };
    return id;
  }

  /** A tool span. */
  tool(name: string, spec: ToolSpec = {}): string {
    const attrs: Attributes = { ...(spec.attrs ?? {}) };
    if (spec.exit !== undefined) attrs["process.exit.code"] = spec.exit;
    const failed = spec.status === "error" || (spec.status === undefined && spec.error !== undefined);
    const id = this.push("tool", spec.name ?? `execute_tool ${name}`, { ...spec, attrs, status: failed ? "error" : (spec.status ?? "ok") }, 5);
    const span = this.spans[this.spans.length - 1]!;
    span.tool = {
      name,
      callId: spec.callId ?? null,
      arguments: spec.args === undefined ? null : typeof spec.args === "string" ? spec.args : JSON.stringify(spec.args),
      result: spec.result === undefined ? "" : spec.result,
    };
    span.costUsd = spec.costUsd ?? null;
    return id;
  }

  /** Any other span type (retriever, embedding, guardrail, other). */
  other(type: SpanType, name: string, spec: SpanSpec = {}): string {
    return this.push(type, name, spec, 5);
  }

  /** One LLM decision followed by its tool calls; returns the ids. */
  step(spec: StepSpec): { llmId: string; toolIds: string[] } {
    const attrs: Attributes = spec.stepIndex === undefined ? {} : { "onset.step.index": spec.stepIndex };
    const callIds = spec.calls.map((_, k) => (spec.withCallIds ? `call_${this.seq + 1}_${k}` : null));
    const llmId = this.llm({
      parent: spec.parent ?? null,
      agentName: spec.agentName ?? null,
      text: spec.text ?? "",
      model: spec.model,
      inputTokens: spec.tokens?.[0],
      outputTokens: spec.tokens?.[1],
      costUsd: spec.costUsd,
      attrs,
      toolCalls: spec.calls.map((c, k) => ({ id: callIds[k], name: c.tool, args: c.args ?? {} })),
    });
    const toolIds = spec.calls.map((c, k) =>
      this.tool(c.tool, {
        ...c,
        parent: c.parent ?? spec.parent ?? null,
        agentName: c.agentName ?? spec.agentName ?? null,
        callId: c.callId ?? callIds[k] ?? null,
        attrs: { ...attrs, ...(c.attrs ?? {}) },
      }),
    );
    return { llmId, toolIds };
  }

  /** The spans built so far (copies; open-ended containers closed over their descendants). */
  build(): NormalizedSpan[] {
    const out = this.spans.map((s) => ({ ...s, attributes: { ...s.attributes } }));
    const byId = new Map(out.map((s) => [s.spanId, s]));
    // Close containers bottom-up: later spans first, so nested containers are closed before their parents.
    for (let k = out.length - 1; k >= 0; k--) {
      const s = out[k]!;
      if (s.parentSpanId === null) continue;
      const p = byId.get(s.parentSpanId);
      if (p && this.openEnded.has(p.spanId) && s.endTimeMs > p.endTimeMs) p.endTimeMs = s.endTimeMs;
    }
    return out;
  }

  private push(type: SpanType, name: string, spec: SpanSpec, defaultMs: number): string {
    this.seq++;
    const id = spec.id ?? `s${this.seq}`;
    const start = spec.start ?? this.clock;
    const end = spec.end ?? start + (spec.ms ?? defaultMs);
    if (spec.start === undefined) this.clock = defaultMs === 0 ? start + 1 : end + 1;
    const error = spec.error === undefined ? null : { type: "Error", message: spec.error, stacktrace: null };
    this.spans.push(
      normalizedSpan({
        traceId: this.traceId,
        spanId: id,
        parentSpanId: spec.parent ?? null,
        name,
        kind: type === "llm" ? 3 : 1,
        startTimeMs: start,
        endTimeMs: end,
        statusCode: spec.status ?? (error ? "error" : "unset"),
        statusMessage: spec.error ?? null,
        type,
        costUsd: spec.costUsd ?? null,
        costSource: spec.costUsd === undefined || spec.costUsd === null ? null : "reported",
        error,
        agentName: spec.agentName ?? null,
        mapper: "test",
        serviceName: "test-agent",
        attributes: { ...(spec.attrs ?? {}) } as Record<string, AttrValue>,
      }),
    );
    return id;
  }
}

/**
 * Builds one imported run as NormalizedSpans, so every extractor emits the same shape:
 *
 *   root agent span (the run)                 type agent, parent null
 *   ├─ [agent span per sub-agent / speaker]   type agent (optional)
 *   ├─ llm span   step N                      the model's decision (output messages, tokens, cost)
 *   └─ tool span  step N (sibling of the llm) the action executed (tool.name/arguments/result)
 *
 * Tool spans are siblings of the llm span that requested them, under the same agent
 * span, as in OTel GenAI where execute_tool spans are children of invoke_agent, not of
 * chat. Both carry `onset.step.index` so labels keyed by step (CodeTraceBench) map back.
 */
import type {
  Attributes,
  ChatMessage,
  NormalizedSpan,
  SpanContent,
  SpanEvent,
  SpanType,
  TokenUsage,
} from "@onset/otlp";
import { emptyUsage, normalizedSpan } from "@onset/otlp";
import { spanIdFor, traceIdFor } from "./ids";
import type { ModelName } from "./model-names";
import type { TimeRange } from "./timeline";
import type { ExtractContext, ImportedRun } from "./types";
import type { Verdict } from "./verdict";

const SCOPE_NAME = "@onset/importers";
const SCOPE_VERSION = "0.1.0";
/** OTLP SpanKind: internal for agent and tool work, client for calls to a model API. */
const KIND_INTERNAL = 1;
const KIND_CLIENT = 3;

/** Identity of a run, fixed when the builder is created. */
export interface RunMeta {
  /** Stable key of the run inside its artifact ("0", an instance id); seeds the trace id. */
  runKey: string;
  name: string;
  agentName: string;
  /** What produced the artifact ("swe-agent", "claude-code"): service.name of the spans. */
  serviceName: string;
  sessionId?: string | null;
  sourceRunId?: string | null;
  /** Model every llm span uses unless the step names its own. */
  model?: ModelName | null;
}

/** Where a step's span sits: its step, its place in the artifact, its parent, its agent and its time. */
export interface StepSpanInput {
  stepIndex: number;
  /** Where the step sits in the artifact (message index, event id), kept as onset.source.index. */
  sourceIndex?: number | string | null;
  /**
   * Span key suffix; defaults to "step:<stepIndex>" for an LLM call and
   * "step:<stepIndex>:tool:<n>" for a tool call. Must be unique in the run.
   */
  key?: string;
  parentSpanId?: string;
  agentName?: string | null;
  time: TimeRange;
}

/** One LLM decision. */
export interface LlmSpanInput extends StepSpanInput {
  model?: ModelName | null;
  /** New messages the model saw for this call (not the whole history), or null. */
  input?: ChatMessage[] | null;
  output: ChatMessage[];
  usage?: Partial<TokenUsage> | null;
  costUsd?: number | null;
  /** Set when the call itself failed (unparseable output, API error). */
  error?: string | null;
  attributes?: Attributes;
  /** Feedback that answered the call without a tool (format-error notices and the like). */
  events?: SpanEvent[];
}

/** One executed action. */
export interface ToolSpanInput extends StepSpanInput {
  name: string;
  callId?: string | null;
  /** Arguments: objects are serialised to JSON, strings kept as given. */
  arguments: unknown;
  result: string | null;
  /** Process exit code when the format gives one (process.exit.code). */
  exitCode?: number | null;
  /** Set when the action failed; becomes status error with this message. */
  error?: string | null;
  /** The shell command the action ran, when it is one (onset.tool.command). */
  command?: string | null;
  attributes?: Attributes;
}

/** Extra agent span (a sub-agent or a chat speaker). */
export interface AgentSpanInput {
  key: string;
  name: string;
  agentName: string;
  parentSpanId?: string;
  /** Omit to span the agent's children. */
  time?: TimeRange;
  input?: SpanContent | null;
  output?: SpanContent | null;
  attributes?: Attributes;
}

/** How the run ended, given to finish(). */
export interface RunOutcome {
  input?: SpanContent | null;
  output?: SpanContent | null;
  /** The agent's own exit status string ("submitted", "LimitsExceeded"). */
  exitStatus?: string | null;
  /** Set when the run ended abnormally; the root gets status error. */
  error?: string | null;
  /**
   * The verdict the artifact records (reward, resolved, a limit exit): becomes
   * onset.run.outcome with onset.run.outcome_source "importer". Null: outcome unknown.
   */
  verdict?: Verdict | null;
  /** Run totals, only for quantities no llm span carries (see docs/importers.md). */
  usage?: Partial<TokenUsage> | null;
  costUsd?: number | null;
  attributes?: Attributes;
  events?: SpanEvent[];
  /** Root time when known; else the children's extent. */
  time?: TimeRange;
}

/** Accumulates spans for one run. */
export class RunBuilder {
  readonly traceId: string;
  readonly rootSpanId: string;
  private readonly ctx: ExtractContext;
  private readonly meta: RunMeta;
  private readonly spans: NormalizedSpan[] = [];
  private readonly explicitTime = new Set<string>();
  private readonly toolCounts = new Map<number, number>();
  private readonly usedKeys = new Set<string>();

  constructor(ctx: ExtractContext, meta: RunMeta) {
    this.ctx = ctx;
    this.meta = meta;
    this.traceId = traceIdFor(ctx.format, ctx.digest, meta.runKey);
    this.rootSpanId = spanIdFor(this.traceId, "root");
  }

  /** Adds an agent span below the root (or below parentSpanId) and returns its id. */
  agent(input: AgentSpanInput): string {
    const spanId = this.spanId(`agent:${input.key}`);
    const time = input.time ?? { startTimeMs: 0, endTimeMs: 0 };
    if (input.time) this.explicitTime.add(spanId);
    this.spans.push(
      this.base({
        spanId,
        parentSpanId: input.parentSpanId ?? this.rootSpanId,
        name: `invoke_agent ${input.agentName}`,
        kind: KIND_INTERNAL,
        type: "agent",
        time,
        agentName: input.agentName,
        input: input.input ?? null,
        output: input.output ?? null,
        attributes: {
          "gen_ai.operation.name": "invoke_agent",
          "gen_ai.agent.name": input.agentName,
          ...input.attributes,
        },
      }),
    );
    return spanId;
  }

  /** Adds an llm span and returns its id. */
  llm(input: LlmSpanInput): string {
    const spanId = this.spanId(input.key ?? `step:${input.stepIndex}`);
    const model = input.model ?? this.meta.model ?? null;
    const attributes: Attributes = {
      "gen_ai.operation.name": "chat",
      "onset.step.index": input.stepIndex,
    };
    if (model?.model) attributes["gen_ai.request.model"] = model.model;
    if (input.sourceIndex !== undefined && input.sourceIndex !== null) attributes["onset.source.index"] = input.sourceIndex;
    const span = this.base({
      spanId,
      parentSpanId: input.parentSpanId ?? this.rootSpanId,
      name: model?.model ? `chat ${model.model}` : "chat",
      kind: KIND_CLIENT,
      type: "llm",
      time: input.time,
      agentName: input.agentName ?? this.meta.agentName,
      input: input.input && input.input.length > 0 ? { kind: "messages", messages: input.input } : null,
      output: { kind: "messages", messages: input.output },
      attributes: { ...attributes, ...input.attributes },
    });
    span.model = model?.model ?? null;
    span.provider = model?.provider ?? null;
    span.usage = toUsage(input.usage);
    if (input.costUsd !== undefined && input.costUsd !== null && Number.isFinite(input.costUsd)) {
      span.costUsd = input.costUsd;
      span.costSource = "reported";
    }
    if (input.error) setError(span, "llm_error", input.error);
    span.events = input.events ?? [];
    this.spans.push(span);
    return spanId;
  }

  /** Adds a tool span and returns its id. */
  tool(input: ToolSpanInput): string {
    const n = this.toolCounts.get(input.stepIndex) ?? 0;
    this.toolCounts.set(input.stepIndex, n + 1);
    const spanId = this.spanId(input.key ?? `step:${input.stepIndex}:tool:${n}`);
    const args = serialiseArguments(input.arguments);
    const attributes: Attributes = {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": input.name,
      "onset.step.index": input.stepIndex,
    };
    if (input.callId) attributes["gen_ai.tool.call.id"] = input.callId;
    if (input.sourceIndex !== undefined && input.sourceIndex !== null) attributes["onset.source.index"] = input.sourceIndex;
    if (input.exitCode !== undefined && input.exitCode !== null) attributes["process.exit.code"] = input.exitCode;
    if (input.command) attributes["onset.tool.command"] = input.command;
    const span = this.base({
      spanId,
      parentSpanId: input.parentSpanId ?? this.rootSpanId,
      name: `execute_tool ${input.name}`,
      kind: KIND_INTERNAL,
      type: "tool",
      time: input.time,
      agentName: input.agentName ?? this.meta.agentName,
      input: null,
      output: null,
      attributes: { ...attributes, ...input.attributes },
    });
    span.tool = { name: input.name, callId: input.callId ?? null, arguments: args, result: input.result };
    const error =
      input.error ??
      (input.exitCode !== undefined && input.exitCode !== null && input.exitCode !== 0
        ? `exit code ${input.exitCode}`
        : null);
    if (error) setError(span, input.exitCode ? "process_exit" : "tool_error", error);
    this.spans.push(span);
    return spanId;
  }

  /** Closes the run: builds the root span, fixes agent span extents, counts steps and errors. */
  finish(outcome: RunOutcome = {}): ImportedRun {
    const stepSpans = this.spans.filter((s) => s.type === "llm" || s.type === "tool");
    // Agent spans without their own times cover their descendants; deepest first so
    // nested agents are sized before their parents read them.
    for (const span of [...this.spans].reverse()) {
      if (span.type !== "agent" || this.explicitTime.has(span.spanId)) continue;
      const extent = extentOf(this.spans.filter((c) => c.parentSpanId === span.spanId));
      span.startTimeMs = extent?.startTimeMs ?? this.ctx.baseTimeMs;
      span.endTimeMs = extent?.endTimeMs ?? this.ctx.baseTimeMs;
    }
    const time = outcome.time ?? extentOf(this.spans) ?? { startTimeMs: this.ctx.baseTimeMs, endTimeMs: this.ctx.baseTimeMs };
    const attributes: Attributes = {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": this.meta.agentName,
      "onset.run.name": this.meta.name,
    };
    if (outcome.exitStatus) attributes["onset.run.exit_status"] = outcome.exitStatus;
    if (outcome.verdict) {
      attributes["onset.run.outcome"] = outcome.verdict.outcome;
      attributes["onset.run.outcome_source"] = "importer";
      attributes["onset.run.outcome_reason"] = outcome.verdict.reason;
    }
    if (this.meta.sourceRunId) attributes["onset.run.source_id"] = this.meta.sourceRunId;
    const root = this.base({
      spanId: this.rootSpanId,
      parentSpanId: null,
      name: this.meta.name,
      kind: KIND_INTERNAL,
      type: "agent",
      time,
      agentName: this.meta.agentName,
      input: outcome.input ?? null,
      output: outcome.output ?? null,
      attributes: { ...attributes, ...outcome.attributes },
    });
    root.usage = toUsage(outcome.usage);
    if (outcome.costUsd !== undefined && outcome.costUsd !== null && Number.isFinite(outcome.costUsd)) {
      root.costUsd = outcome.costUsd;
      root.costSource = "reported";
    }
    if (this.meta.model) {
      root.model = this.meta.model.model;
      root.provider = this.meta.model.provider;
    }
    root.events = outcome.events ?? [];
    if (outcome.error) setError(root, "agent_exit", outcome.error);
    const steps = new Set(stepSpans.map((s) => s.attributes["onset.step.index"])).size;
    const errors = stepSpans.filter((s) => s.statusCode === "error").length;
    return {
      runId: this.traceId,
      traceId: this.traceId,
      sourceRunId: this.meta.sourceRunId ?? null,
      name: this.meta.name,
      spans: [root, ...this.spans],
      steps,
      errors,
    };
  }

  // Artifacts can repeat what should be unique (an ATIF step_id written twice); a
  // repeated key gets an ordinal suffix so span ids stay unique and still deterministic.
  private spanId(key: string): string {
    let unique = key;
    for (let n = 2; this.usedKeys.has(unique); n++) unique = `${key}#${n}`;
    this.usedKeys.add(unique);
    return spanIdFor(this.traceId, unique);
  }

  private base(p: {
    spanId: string;
    parentSpanId: string | null;
    name: string;
    kind: number;
    type: SpanType;
    time: TimeRange;
    agentName: string | null;
    input: SpanContent | null;
    output: SpanContent | null;
    attributes: Attributes;
  }): NormalizedSpan {
    return normalizedSpan({
      traceId: this.traceId,
      spanId: p.spanId,
      parentSpanId: p.parentSpanId,
      name: p.name,
      kind: p.kind,
      startTimeMs: p.time.startTimeMs,
      endTimeMs: Math.max(p.time.startTimeMs, p.time.endTimeMs),
      type: p.type,
      input: p.input,
      output: p.output,
      sessionId: this.meta.sessionId ?? null,
      agentName: p.agentName,
      mapper: `import:${this.ctx.format}`,
      serviceName: this.meta.serviceName,
      scopeName: SCOPE_NAME,
      scopeVersion: SCOPE_VERSION,
      attributes: p.attributes,
      resourceAttributes: {
        "service.name": this.meta.serviceName,
        "onset.import.format": this.ctx.format,
        "onset.import.source": this.ctx.sourcePath,
      },
    });
  }
}

function setError(span: NormalizedSpan, type: string, message: string): void {
  span.statusCode = "error";
  span.statusMessage = message;
  span.error = { type, message, stacktrace: null };
}

function extentOf(spans: readonly NormalizedSpan[]): TimeRange | null {
  if (spans.length === 0) return null;
  let startTimeMs = Infinity;
  let endTimeMs = -Infinity;
  for (const s of spans) {
    if (s.startTimeMs === 0 && s.endTimeMs === 0) continue; // agent span not sized yet
    startTimeMs = Math.min(startTimeMs, s.startTimeMs);
    endTimeMs = Math.max(endTimeMs, s.endTimeMs);
  }
  return Number.isFinite(startTimeMs) ? { startTimeMs, endTimeMs } : null;
}

function toUsage(partial: Partial<TokenUsage> | null | undefined): TokenUsage {
  const usage = emptyUsage();
  if (!partial) return usage;
  for (const key of Object.keys(usage) as (keyof TokenUsage)[]) {
    const v = partial[key];
    usage[key] = typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null;
  }
  return usage;
}

/** JSON text of tool arguments: strings are kept verbatim, anything else is serialised. */
export function serialiseArguments(args: unknown): string | null {
  if (args === undefined || args === null) return null;
  if (typeof args === "string") return args;
  return JSON.stringify(args);
}

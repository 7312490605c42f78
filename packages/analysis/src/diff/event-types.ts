/**
 * The run-diff event model: a run is an ordered list of events `{type, step, agent, payload}`
 * (docs/spec/run-diff.md §1). The type names are the method's own vocabulary
 * (routing_decision, tool_invocation, ...), so a reader of the paper's code can map them 1:1.
 */

/** Every event type the run diff knows, in the reference's table order. */
export const RUN_EVENT_TYPES = [
  "routing_decision",
  "tool_invocation",
  "memory_write",
  "memory_read",
  "retrieval_shown",
  "agent_output",
  "final_answer",
  "llm_call",
  "agent_error",
  "tool_failure",
  "agent_halt",
] as const;

/** One of RUN_EVENT_TYPES. */
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** Token, cost and latency of the span an event came from (only on the span's first event). */
export interface EventMetrics {
  /** input + output tokens; null when the span reported neither. */
  tokens: number | null;
  costUsd: number | null;
  latencyMs: number;
}

/** Fields every event carries whatever its type. */
export interface RunEventBase {
  /** Span the event was read from. */
  spanId: string;
  /** 1-based step number (see events.ts for how steps are counted). */
  step: number;
  /** Agent acting when the event happened (span's own agent name or nearest agent ancestor). */
  agent: string | null;
  /** When the event happened, epoch ms: invocations at span start, outputs/errors at span end. */
  timeMs: number;
  /** Index of the span in the input array; stable tie-break for equal times. */
  spanOrder: number;
  /** Order of this event among the events of its span. */
  subOrder: number;
  /** Metrics of the span, on the span's first event only so that sums never double count. */
  metrics: EventMetrics | null;
}

/** Payload of each event type (structural fields feed signatures; content fields only annotations). */
export interface RunEventPayloads {
  routing_decision: { chosenAgent: string; via: "agent_span" | "handoff" | "attribute" };
  tool_invocation: {
    toolName: string;
    operation: string;
    success: boolean;
    arguments: string | null;
    result: string | null;
  };
  memory_write: { entryType: string; content: string | null };
  memory_read: { entries: number; content: string | null };
  retrieval_shown: { items: number; query: string | null };
  agent_output: { action: string; isFinalAnswer: boolean; text: string | null };
  final_answer: { answer: string | null };
  llm_call: {
    model: string;
    finishReason: string;
    /** Tool names the model requested, sorted (duplicates kept: two calls are two calls). */
    toolCallNames: string[];
    text: string | null;
  };
  agent_error: { errorType: string; message: string | null };
  tool_failure: { toolName: string; message: string | null };
  agent_halt: { reason: string };
}

/** A run event: discriminated on `type`. */
export type RunEvent = {
  [K in RunEventType]: RunEventBase & { type: K; payload: RunEventPayloads[K] };
}[RunEventType];

/** The event of one given type. */
export type RunEventOf<K extends RunEventType> = Extract<RunEvent, { type: K }>;

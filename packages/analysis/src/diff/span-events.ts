/**
 * The events one span yields (docs/spec/run-diff.md §1, "For OTel traces these come
 * from the normalized spans"); each branch names the row of the reference's table it
 * implements. Ordering and steps are events.ts's job.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { RUN_EVENT_TYPES } from "./event-types";
import type { RunEventPayloads, RunEventType } from "./event-types";
import {
  firstAttrNumber,
  handoffTarget,
  memoryEntryType,
  memoryOperation,
  toolArgumentsOf,
  toolNameOf,
  toolOperation,
} from "./span-roles";
import { attrNumber, attrString, answerText, firstAttrString, jsonArrayLength } from "./span-reading";
import { normalizeAnswer } from "./answer";

/** An error type or message that means the agent was stopped, not that it crashed. */
const HALT_PATTERN = /max[_ ]?(turns|steps|iterations)|recursion[_ ]?limit|GraphRecursionError|MaxTurnsExceeded|step[_ ]limit|budget[_ ]exceeded|halt/i;

/** An event before ordering and steps are assigned. */
export interface Draft {
  type: RunEventType;
  payload: RunEventPayloads[RunEventType];
  span: NormalizedSpan;
  /** 0: happens at span start; 1: at span end (outputs, answers, errors). */
  phase: 0 | 1;
  timeMs: number;
  subOrder: number;
}

/** Build a draft with the payload type tied to the event type. */
function draft<K extends RunEventType>(
  type: K,
  payload: RunEventPayloads[K],
  span: NormalizedSpan,
  phase: 0 | 1,
  subOrder: number,
): Draft {
  return { type, payload, span, phase, timeMs: phase === 0 ? span.startTimeMs : span.endTimeMs, subOrder };
}

/** Name of the agent an agent span runs. */
export function agentNameOf(span: NormalizedSpan): string {
  const name =
    span.agentName ??
    firstAttrString(span, ["gen_ai.agent.name", "graph.node.id"]) ??
    span.name.replace(/^(invoke_agent|create_agent|agent)\s+/i, "");
  return name.trim() === "" ? "?" : name.trim();
}

/** Finish reason of an LLM span: output messages, then the conventions' attributes. */
function finishReasonOf(span: NormalizedSpan): string {
  if (span.output?.kind === "messages") {
    for (let i = span.output.messages.length - 1; i >= 0; i--) {
      const r = span.output.messages[i]?.finishReason;
      if (r) return r;
    }
  }
  const reasons = span.attributes["gen_ai.response.finish_reasons"];
  if (Array.isArray(reasons) && typeof reasons[0] === "string") return reasons[0];
  const single = firstAttrString(span, ["gen_ai.response.finish_reasons", "llm.finish_reason", "ai.response.finishReason"]);
  if (single) return single;
  return span.statusCode === "error" ? "error" : "?";
}

/** Tool names an LLM span asked for, sorted (duplicates kept). */
function requestedToolNames(span: NormalizedSpan): string[] {
  const names: string[] = [];
  if (span.output?.kind === "messages") {
    for (const m of span.output.messages) for (const c of m.toolCalls ?? []) names.push(c.name);
  }
  return names.sort();
}

/** Items a retriever showed: onset attribute, OpenInference documents, or a JSON array output. */
function retrievalItems(span: NormalizedSpan): number {
  const explicit = firstAttrNumber(span, ["onset.retrieval.items"]);
  if (explicit !== null) return explicit;
  const docs = new Set<string>();
  for (const k of Object.keys(span.attributes)) {
    const m = /^retrieval\.documents\.(\d+)\./.exec(k);
    if (m?.[1]) docs.add(m[1]);
  }
  if (docs.size > 0) return docs.size;
  return span.output?.kind === "json" ? (jsonArrayLength(span.output.value) ?? 0) : (jsonArrayLength(answerText(span.output)) ?? 0);
}

/** Entries a memory read returned: attribute, else a JSON array result, else 0. */
function memoryEntries(span: NormalizedSpan): number {
  const explicit = firstAttrNumber(span, ["onset.memory.entries", "memory.entries"]);
  if (explicit !== null) return explicit;
  const arr = span.attributes["memory.entries"];
  if (Array.isArray(arr)) return arr.length;
  return jsonArrayLength(span.tool?.result ?? answerText(span.output)) ?? 0;
}

/** Whether a tool span failed: error status, or a nonzero `process.exit.code`. */
function toolFailed(span: NormalizedSpan): boolean {
  if (span.statusCode === "error") return true;
  const code = attrNumber(span, "process.exit.code");
  return code !== null && code !== 0;
}

/** Event type an `onset.diff.event` attribute names (or "ignore"), when valid. */
function explicitEventType(span: NormalizedSpan): RunEventType | "ignore" | null {
  const v = attrString(span, "onset.diff.event");
  if (v === "ignore") return "ignore";
  return v !== null && (RUN_EVENT_TYPES as readonly string[]).includes(v) ? (v as RunEventType) : null;
}

/** The events one span yields, before ordering and steps (the rows of the table in README.md). */
export function spanDrafts(span: NormalizedSpan, isRoot: boolean, finalAnswer: string | null): Draft[] {
  const out: Draft[] = [];
  const explicit = explicitEventType(span);
  if (explicit === "ignore") return out;
  const toolName = toolNameOf(span);
  const handoff = explicit === null ? handoffTarget(span) : null;
  const memory = explicit === null && handoff === null ? memoryOperation(span) : null;
  // Which failure is already visible in the span's own signature (tool ok/fail, llm finish).
  let failureInSignature = false;

  const kind: RunEventType | null =
    explicit ??
    (handoff !== null
      ? "routing_decision"
      : memory === "write"
        ? "memory_write"
        : memory === "read"
          ? "memory_read"
          : span.type === "agent"
            ? "routing_decision"
            : span.type === "tool"
              ? "tool_invocation"
              : span.type === "llm"
                ? "llm_call"
                : span.type === "retriever"
                  ? "retrieval_shown"
                  : null);

  switch (kind) {
    case "routing_decision": // table row "routing decision": agent spans and hand-offs
      out.push(
        draft(
          "routing_decision",
          {
            chosenAgent: handoff ?? attrString(span, "onset.route.agent") ?? agentNameOf(span),
            via: handoff !== null ? "handoff" : span.type === "agent" ? "agent_span" : "attribute",
          },
          span,
          0,
          0,
        ),
      );
      break;
    case "tool_invocation": // row "tool invocation": status gives ok/fail
      failureInSignature = true;
      out.push(
        draft(
          "tool_invocation",
          {
            toolName,
            operation: toolOperation(span),
            success: !toolFailed(span),
            arguments: toolArgumentsOf(span),
            result: span.tool?.result ?? answerText(span.output),
          },
          span,
          0,
          0,
        ),
      );
      break;
    case "memory_write":
      out.push(draft("memory_write", { entryType: memoryEntryType(span), content: toolArgumentsOf(span) }, span, 0, 0));
      break;
    case "memory_read":
      out.push(
        draft("memory_read", { entries: memoryEntries(span), content: span.tool?.result ?? answerText(span.output) }, span, 0, 0),
      );
      break;
    case "retrieval_shown":
      out.push(draft("retrieval_shown", { items: retrievalItems(span), query: answerText(span.input) }, span, 0, 0));
      break;
    case "llm_call":
      failureInSignature = true;
      out.push(
        draft(
          "llm_call",
          {
            model: span.model ?? "?",
            finishReason: finishReasonOf(span),
            toolCallNames: requestedToolNames(span),
            text: answerText(span.output),
          },
          span,
          0,
          0,
        ),
      );
      break;
    case "agent_output":
    case "final_answer":
    case "agent_error":
    case "tool_failure":
    case "agent_halt":
    case null:
      break; // explicit kinds handled below with the end-of-span events
  }

  // Row "agent output": an agent's output (the root's output is the final answer instead).
  const outputText = answerText(span.output);
  if (!isRoot && (explicit === "agent_output" || (explicit === null && span.type === "agent" && outputText !== null && outputText.trim() !== ""))) {
    const action = normalizeAction(attrString(span, "onset.output.action") ?? attrString(span, "onset.agent.action") ?? "respond");
    const isFinalAnswer = finalAnswer !== null && outputText !== null && normalizeAnswer(outputText) === normalizeAnswer(finalAnswer);
    out.push(draft("agent_output", { action, isFinalAnswer, text: outputText }, span, 1, 1));
  }

  // Rows "agent error / tool failure / halt": failures the signature above does not already show.
  const failed = span.statusCode === "error";
  if (explicit === "tool_failure" || (failed && !failureInSignature && /tool/i.test(span.error?.type ?? ""))) {
    out.push(draft("tool_failure", { toolName, message: span.error?.message ?? span.statusMessage }, span, 1, 2));
  } else if (explicit === "agent_halt" || (failed && !failureInSignature && isHalt(span))) {
    out.push(draft("agent_halt", { reason: haltReason(span) }, span, 1, 2));
  } else if (explicit === "agent_error" || (failed && !failureInSignature)) {
    out.push(
      draft("agent_error", { errorType: span.error?.type ?? "error", message: span.error?.message ?? span.statusMessage }, span, 1, 2),
    );
  }
  for (const ev of span.events) {
    // Span events named after the vocabulary (importers emit them for halts/failures).
    if (ev.name === "agent_halt" || ev.name === "tool_failure" || ev.name === "agent_error") {
      const d =
        ev.name === "agent_halt"
          ? draft("agent_halt", { reason: typeof ev.attributes["reason"] === "string" ? ev.attributes["reason"] : "halt" }, span, 1, 3)
          : ev.name === "tool_failure"
            ? draft("tool_failure", { toolName, message: null }, span, 1, 3)
            : draft("agent_error", { errorType: "error", message: null }, span, 1, 3);
      d.timeMs = ev.timeMs;
      out.push(d);
    }
  }

  // Row "final answer": the root's output.
  if (isRoot && (finalAnswer !== null || explicit === "final_answer")) {
    out.push(draft("final_answer", { answer: finalAnswer }, span, 1, 4));
  }
  return out;
}

/** Output actions are words, like operations. */
function normalizeAction(action: string): string {
  return action.trim().toLowerCase().replace(/\s+/g, "_").slice(0, 40) || "respond";
}

/** Whether a failed span's error says it was halted (max turns, recursion limit, budget...). */
function isHalt(span: NormalizedSpan): boolean {
  return HALT_PATTERN.test(`${span.error?.type ?? ""} ${span.error?.message ?? ""} ${span.statusMessage ?? ""}`);
}

/** Short reason for a halt: the error type, else "halt". */
function haltReason(span: NormalizedSpan): string {
  return span.error?.type ?? "halt";
}

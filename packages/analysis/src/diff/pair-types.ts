/**
 * Structural difference type of an aligned pair (docs/spec/run-diff.md §3), checked
 * in the reference's order. Two LLM-call types the method's SDK also defines for its
 * external vocabulary (different_tool_requested, llm_finish_reason_change) follow them.
 */
import type { RunEvent } from "./event-types";

/** Every pair difference type; all of them count as structural for t*. */
export const DIVERGENCE_TYPES = [
  "different_agent_routed",
  "different_tool",
  "different_operation",
  "tool_success_failure_change",
  "different_entry_type",
  "different_action",
  "different_tool_requested",
  "llm_finish_reason_change",
  "event_type_differs",
  "agent_error_introduced",
  "event_missing_in_perturbed",
  "event_missing_in_clean",
] as const;

/** One of DIVERGENCE_TYPES. */
export type DivergenceType = (typeof DIVERGENCE_TYPES)[number];

/**
 * Type of two events aligned at one position, or null when they differ only lexically
 * (same agent, same tool/operation/outcome, ...). A different model or a memory read of a
 * different size is such a lexical-only difference, as in the method.
 */
export function classifyPair(a: RunEvent, b: RunEvent): DivergenceType | null {
  if (a.type !== b.type) return "event_type_differs";
  switch (a.type) {
    case "routing_decision": {
      const pb = (b as typeof a).payload;
      return a.payload.chosenAgent !== pb.chosenAgent ? "different_agent_routed" : null;
    }
    case "tool_invocation": {
      const pb = (b as typeof a).payload;
      if (a.payload.toolName !== pb.toolName) return "different_tool";
      if (a.payload.operation !== pb.operation) return "different_operation";
      if (a.payload.success !== pb.success) return "tool_success_failure_change";
      return null;
    }
    case "memory_write":
      return a.payload.entryType !== (b as typeof a).payload.entryType ? "different_entry_type" : null;
    case "agent_output":
      return a.payload.action !== (b as typeof a).payload.action ? "different_action" : null;
    case "llm_call": {
      const pb = (b as typeof a).payload;
      if (a.payload.toolCallNames.join(",") !== pb.toolCallNames.join(",")) return "different_tool_requested";
      if (a.payload.finishReason !== pb.finishReason) return "llm_finish_reason_change";
      return null;
    }
    case "tool_failure":
      return a.payload.toolName !== (b as typeof a).payload.toolName ? "different_tool" : null;
    case "memory_read":
    case "retrieval_shown":
    case "final_answer":
    case "agent_error":
    case "agent_halt":
      return null;
  }
}

/** Type of an event present only in the second run: an error there is "introduced". */
export function insertionType(b: RunEvent): DivergenceType {
  return b.type === "agent_error" ? "agent_error_introduced" : "event_missing_in_clean";
}

/** Type of an event present only in the first run. */
export function deletionType(_a: RunEvent): DivergenceType {
  return "event_missing_in_perturbed";
}

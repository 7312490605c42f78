/**
 * Structural signatures: the alignment key of an event (docs/spec/run-diff.md §1).
 * Signatures never include ids, timestamps, arguments or free text, so lexical noise
 * cannot move d_norm. Kept apart from the alignment algorithm, which only sees keys
 * (docs/spec/design.md §5: "keep the alignment key separate from the diff algorithm").
 */
import type { RunEvent } from "./event-types";

/** Any function from an event to its alignment key. */
export type SignatureFn = (event: RunEvent) => string;

/** Names of the built-in signature variants. */
export type SignatureVariant = "current" | "paper";

/**
 * The reference's current signatures: `route:<agent>`, `tool:<name>:<op>:<ok|fail>`,
 * `mem_write:<entry_type>`, `mem_read`, `retrieval`, `output:<action>:<is_final_answer>`,
 * `final_answer`, `llm:<model>:<finish_reason>:<tools requested>`, `agent_error`,
 * `tool_failure`, `agent_halt`.
 */
export function structuralSignature(event: RunEvent): string {
  switch (event.type) {
    case "routing_decision":
      return `route:${event.payload.chosenAgent}`;
    case "tool_invocation":
      return `tool:${event.payload.toolName}:${event.payload.operation}:${event.payload.success ? "ok" : "fail"}`;
    case "memory_write":
      return `mem_write:${event.payload.entryType}`;
    case "memory_read":
      return "mem_read";
    case "retrieval_shown":
      return "retrieval";
    case "agent_output":
      // The method writes the flag as Python prints booleans.
      return `output:${event.payload.action}:${event.payload.isFinalAnswer ? "True" : "False"}`;
    case "final_answer":
      return "final_answer";
    case "llm_call":
      // Sorted tool names joined by ","; "-" when the model asked for none (the method's spelling).
      return `llm:${event.payload.model}:${event.payload.finishReason}:${event.payload.toolCallNames.join(",") || "-"}`;
    case "agent_error":
      return "agent_error";
    case "tool_failure":
      return "tool_failure";
    case "agent_halt":
      return "agent_halt";
  }
}

/**
 * Paper-era variant: memory reads and retrievals carry their counts (`mem_read:<entries>`,
 * `retrieval:<items>`), as in the experiments published with the paper; everything else as
 * structuralSignature.
 */
export function paperSignature(event: RunEvent): string {
  if (event.type === "memory_read") return `mem_read:${event.payload.entries}`;
  if (event.type === "retrieval_shown") return `retrieval:${event.payload.items}`;
  return structuralSignature(event);
}

/** The built-in variants by name. */
export const SIGNATURE_VARIANTS: Readonly<Record<SignatureVariant, SignatureFn>> = {
  current: structuralSignature,
  paper: paperSignature,
};

/** Resolve a variant name or a custom function to a signature function. */
export function resolveSignature(signature: SignatureVariant | SignatureFn | undefined): SignatureFn {
  if (typeof signature === "function") return signature;
  return SIGNATURE_VARIANTS[signature ?? "current"];
}

/**
 * Words for the run diff (docs/spec/run-diff.md): readable labels of structural signatures, of
 * pair difference types, of classifications and of their manifestation groups. Labels are
 * built from signatures, which carry span content (tool and model names): callers render
 * them as text only.
 */

/** An event as a pair references it (the EventRef of @onset/analysis). */
export interface EventRefLike {
  type: string;
  signature: string;
  agent: string | null;
}

/** Splits `prefix:rest` where the last `n` fields are colon-free and the first may contain colons. */
function fieldsFromEnd(rest: string, n: number): string[] {
  const out: string[] = [];
  let s = rest;
  for (let i = 0; i < n; i++) {
    const k = s.lastIndexOf(":");
    if (k < 0) return [s, ...out];
    out.unshift(s.slice(k + 1));
    s = s.slice(0, k);
  }
  return [s, ...out];
}

/** A one-line description of an event from its structural signature (docs/spec/run-diff.md §1). */
export function eventLabel(e: EventRefLike): string {
  const sig = e.signature;
  const colon = sig.indexOf(":");
  const rest = colon >= 0 ? sig.slice(colon + 1) : "";
  switch (e.type) {
    case "routing_decision":
      return `route → ${rest}`;
    case "tool_invocation": {
      const [name, op, outcome] = fieldsFromEnd(rest, 2);
      // "call" is the operation of a tool whose arguments name none: not worth a word.
      return `tool ${name}${op && op !== "call" && op !== name ? ` (${op})` : ""}${outcome === "fail" ? " ✗ failed" : ""}`;
    }
    case "llm_call": {
      const [model, finish, tools] = fieldsFromEnd(rest, 2);
      const asks = tools && tools !== "-" ? ` → ${tools.split(",").join(", ")}` : "";
      return `LLM ${model}${finish && finish !== "stop" && finish !== "unknown" ? ` [${finish}]` : ""}${asks}`;
    }
    case "agent_output": {
      const [action, final] = fieldsFromEnd(rest, 1);
      return `output ${action}${final === "True" ? " (final)" : ""}`;
    }
    case "final_answer":
      return "final answer";
    case "memory_write":
      return `memory write ${rest}`;
    case "memory_read":
      return rest ? `memory read (${rest})` : "memory read";
    case "retrieval_shown":
      return rest ? `retrieval (${rest} items)` : "retrieval";
    case "agent_error":
      return "agent error";
    case "tool_failure":
      return "tool failure";
    case "agent_halt":
      return "agent halted";
    default:
      return sig;
  }
}

/** Pair difference types (docs/spec/run-diff.md §3) in words. */
export const DIVERGENCE_TYPE_TEXT: Readonly<Record<string, string>> = {
  different_agent_routed: "routed to a different agent",
  different_tool: "different tool",
  different_operation: "different tool operation",
  tool_success_failure_change: "tool outcome flipped (ok ↔ fail)",
  different_entry_type: "different memory entry type",
  different_action: "different agent action",
  different_tool_requested: "model asked for different tools",
  llm_finish_reason_change: "model finished differently",
  event_type_differs: "different kind of event",
  agent_error_introduced: "error only in B",
  event_missing_in_perturbed: "only in A (missing in B)",
  event_missing_in_clean: "only in B (missing in A)",
};

/** A difference type in words (the raw name when unknown). */
export function divergenceTypeText(type: string | null | undefined): string {
  if (!type) return "";
  return DIVERGENCE_TYPE_TEXT[type] ?? type.replace(/_/g, " ");
}

/** Classifications (docs/spec/run-diff.md §5) with a title and what they mean. */
export const CLASSIFICATION_TEXT: Readonly<Record<string, { title: string; meaning: string }>> = {
  catastrophic_failure: { title: "Catastrophic failure", meaning: "B gave no answer and stopped early or diverged heavily." },
  early_termination: { title: "Early termination", meaning: "B ran fewer steps than A." },
  loop_or_extended_execution: { title: "Loop or extended execution", meaning: "B ran more steps than A, with several structural changes." },
  silent_semantic_corruption: { title: "Silent semantic corruption", meaning: "Same structure, different answer: nothing in the control flow shows it." },
  strategy_reroute: { title: "Strategy reroute", meaning: "B routed work to a different agent than A did." },
  structural_divergence_with_outcome_change: { title: "Structural divergence, outcome changed", meaning: "The steps differ and so does the answer." },
  structural_divergence_recovered: { title: "Structural divergence, same outcome", meaning: "The steps differ but the answer is the same." },
  no_observable_effect: { title: "No observable effect", meaning: "Same structure and the same answer." },
  outcome_change_uncategorized: { title: "Outcome change (uncategorized)", meaning: "The answer changed in a way no other rule describes." },
};

/** Manifestation groups (the paper's three types, plus no effect). */
export const GROUP_TEXT: Readonly<Record<string, string>> = {
  silent_corruption: "silent semantic corruption",
  behavioral_detour: "behavioral detour",
  combined_disruption: "combined structural disruption",
  no_observable_effect: "no observable effect",
};

/** A classification's title (the raw name when unknown). */
export function classificationTitle(c: string): string {
  return CLASSIFICATION_TEXT[c]?.title ?? c.replace(/_/g, " ");
}

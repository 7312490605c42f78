/**
 * Onset's per-pair additions (docs/spec/run-diff.md §8): token, cost and latency deltas, and content
 * differences of arguments and outputs as annotations. None of this feeds d_norm.
 */
import type { RunEvent } from "./event-types";
import type { PairAnnotations } from "./schemas";
import { textDiff } from "./content-diff";

/** B - A of one metric; an absent side counts 0; null when neither side reported it. */
function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  const av = a ?? null;
  const bv = b ?? null;
  if (av === null && bv === null) return null;
  return (bv ?? 0) - (av ?? 0);
}

/** Token, cost and latency deltas of a pair (metrics live on each span's first event). */
export function pairDeltas(a: RunEvent | null, b: RunEvent | null): { tokens: number | null; costUsd: number | null; latencyMs: number | null } {
  return {
    tokens: delta(a?.metrics?.tokens, b?.metrics?.tokens),
    costUsd: delta(a?.metrics?.costUsd, b?.metrics?.costUsd),
    latencyMs: delta(a?.metrics?.latencyMs, b?.metrics?.latencyMs),
  };
}

/** The content an event carries: what went in (arguments) and what came out (output). */
function contentOf(e: RunEvent): { arguments: string | null; output: string | null } {
  switch (e.type) {
    case "tool_invocation":
      return { arguments: e.payload.arguments, output: e.payload.result };
    case "llm_call":
      return { arguments: null, output: e.payload.text };
    case "agent_output":
      return { arguments: null, output: e.payload.text };
    case "final_answer":
      return { arguments: null, output: e.payload.answer };
    case "memory_write":
      return { arguments: e.payload.content, output: null };
    case "memory_read":
      return { arguments: null, output: e.payload.content };
    case "retrieval_shown":
      return { arguments: e.payload.query, output: null };
    case "routing_decision":
    case "agent_error":
    case "tool_failure":
    case "agent_halt":
      return { arguments: null, output: null };
  }
}

/** Content differences of two aligned events, or null when their contents agree. */
export function pairAnnotations(a: RunEvent, b: RunEvent): PairAnnotations | null {
  const ca = contentOf(a);
  const cb = contentOf(b);
  const out: PairAnnotations = {};
  if (ca.arguments !== null || cb.arguments !== null) {
    const d = textDiff(ca.arguments ?? "", cb.arguments ?? "");
    if (d) out.arguments = d;
  }
  if (ca.output !== null || cb.output !== null) {
    const d = textDiff(ca.output ?? "", cb.output ?? "");
    if (d) out.output = d;
  }
  return out.arguments || out.output ? out : null;
}

/**
 * The first content divergence (Onset's addition to docs/spec/run-diff.md §8): the
 * method's t* looks only at structural signatures, so two runs that call the same tools
 * in the same order but make a different edit (different arguments to the same tool)
 * align as matches, and t* lands later, where the structure finally differs. When the
 * runs ended differently, the first matched tool call or memory write whose arguments
 * differ is where the second run started doing something else; if the decision that
 * issued it (an LLM call or agent output of the same step just before it) reads
 * differently too, the divergence is placed at that decision. Only reported before t*
 * (after it, t* already says where the runs parted). Differently worded reasoning alone
 * does not count: re-runs always word things differently, and only what the agent did
 * can change the outcome.
 */
import type { RunEvent } from "./event-types";

/** Where the content first diverges, and what differs there. */
export interface ContentDivergence {
  /** Aligned position (pair index) of the divergence. */
  index: number;
  /** index / number of pairs. */
  relative: number;
  step: number | null;
  spanIdA: string;
  spanIdB: string;
  /** "arguments": what a tool call did differs; "decision": the decision that issued it reads differently. */
  kind: "arguments" | "decision";
  /** Aligned position of the tool call or memory write whose arguments differ (equal to index for "arguments"). */
  actionIndex: number;
}

/** One aligned pair as the diff builds it. */
interface AlignedPair {
  op: "match" | "substitution" | "insertion" | "deletion";
  a: RunEvent | null;
  b: RunEvent | null;
}

/** Word-set similarity under which two decisions read differently. */
const DECISION_SIMILARITY = 0.5;
/** Decisions shorter than this (in words) are not compared: too little to tell. */
const MIN_DECISION_WORDS = 5;

/** JSON with object keys sorted, so key order and spacing are not a difference. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Arguments compared as JSON when they parse, else with whitespace collapsed. */
export function normalizedArguments(text: string | null): string {
  if (text === null) return "";
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return canonicalJson(JSON.parse(trimmed));
    } catch {
      // not JSON: compared as text
    }
  }
  return trimmed.replace(/\s+/g, " ");
}

/** The arguments of an action event (tool call or memory write), or undefined for other events. */
function actionArguments(e: RunEvent): string | null | undefined {
  if (e.type === "tool_invocation") return e.payload.arguments;
  if (e.type === "memory_write") return e.payload.content;
  return undefined;
}

/** The text of a decision event (LLM call or agent output), or undefined for other events. */
function decisionText(e: RunEvent): string | null | undefined {
  if (e.type === "llm_call" || e.type === "agent_output") return e.payload.text;
  return undefined;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}_.]+/gu) ?? []);
}

/** True when two decision texts read differently: little shared vocabulary (Jaccard below 0.5). */
export function decisionsDiffer(a: string | null, b: string | null): boolean {
  const wa = words(a ?? "");
  const wb = words(b ?? "");
  if (wa.size < MIN_DECISION_WORDS || wb.size < MIN_DECISION_WORDS) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared) < DECISION_SIMILARITY;
}

/**
 * The first content divergence before `before` (t*'s index, or the number of pairs when
 * there is none), or null when the matched actions agree up to there.
 */
export function firstContentDivergence(pairs: readonly AlignedPair[], before: number): ContentDivergence | null {
  const end = Math.min(before, pairs.length);
  for (let k = 0; k < end; k++) {
    const { op, a, b } = pairs[k]!;
    if (op !== "match" || !a || !b) continue;
    const argsA = actionArguments(a);
    if (argsA === undefined || normalizedArguments(argsA) === normalizedArguments(actionArguments(b) ?? null)) continue;
    // The decision that issued it: the nearest matched decision of the same step before it.
    for (let d = k - 1; d >= 0; d--) {
      const p = pairs[d]!;
      const step = p.a?.step ?? p.b?.step;
      if (step !== a.step) break;
      if (p.op !== "match" || !p.a || !p.b || decisionText(p.a) === undefined) continue;
      if (decisionsDiffer(decisionText(p.a) ?? null, decisionText(p.b) ?? null)) {
        return { index: d, relative: d / pairs.length, step: p.a.step, spanIdA: p.a.spanId, spanIdB: p.b.spanId, kind: "decision", actionIndex: k };
      }
      break;
    }
    return { index: k, relative: k / pairs.length, step: a.step, spanIdA: a.spanId, spanIdB: b.spanId, kind: "arguments", actionIndex: k };
  }
  return null;
}

/**
 * diffRuns: two runs (NormalizedSpan[]) -> the run-diff result, following
 * docs/spec/run-diff.md §2-5 exactly, plus Onset's additions (§8). A is the first
 * (clean, baseline) run, B the second (perturbed, candidate) run: "missing in perturbed"
 * means present in A only.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { RunEvent, RunEventType } from "./event-types";
import { extractRunEvents } from "./events";
import { resolveSignature } from "./signatures";
import type { SignatureFn, SignatureVariant } from "./signatures";
import { encodeKeys, normalizedDistance, sequenceEditDistance } from "./edit-distance";
import { alignKeys } from "./hirschberg";
import { OP_DELETION, OP_INSERTION, OP_MATCH, OP_SUBSTITUTION } from "./alignment-path";
import type { KeyAlignment } from "./alignment-path";
import { alignByStepBuckets } from "./step-buckets";
import { classifyPair, deletionType, insertionType } from "./pair-types";
import type { DivergenceType } from "./pair-types";
import { controlFlowCounts, countType, distinctSteps } from "./control-flow";
import { answerChanged } from "./answer";
import { classifyManifestation, manifestationGroup } from "./classify";
import { pairAnnotations, pairDeltas } from "./pair-details";
import { firstContentDivergence } from "./content-divergence";
import type { DiffPair, DiffResult, DimensionScore, FirstDivergence, RunSummary } from "./schemas";

/** Options of diffRuns / diffEvents. */
export interface DiffOptions {
  /** Alignment key: a built-in variant ("current" default, "paper") or any function. */
  signature?: SignatureVariant | SignatureFn;
  /** "edit" (default, the method) or the older "step_bucketed" alignment. */
  alignment?: "edit" | "step_bucketed";
  /** Noise floor to flag the pair against (e.g. from diffAgainstGroup); sets withinNoise. */
  noiseFloor?: number;
  /** Compute content annotations of aligned pairs (default true). */
  annotations?: boolean;
}

/** Event types of each per-dimension score (docs/spec/run-diff.md §8). */
export const DIMENSIONS: Readonly<Record<"plan" | "tools" | "state", readonly RunEventType[]>> = {
  plan: ["routing_decision", "agent_output", "final_answer"],
  tools: ["tool_invocation", "tool_failure"],
  state: ["memory_write", "memory_read", "retrieval_shown"],
};

const OP_NAMES = ["match", "substitution", "insertion", "deletion"] as const;

/** d_norm of the sub-sequences of one dimension, reusing the already-encoded keys. */
function dimensionScore(
  eventsA: readonly RunEvent[],
  eventsB: readonly RunEvent[],
  keysA: Int32Array,
  keysB: Int32Array,
  types: readonly RunEventType[],
): DimensionScore {
  const pick = (events: readonly RunEvent[], keys: Int32Array): Int32Array => {
    const out: number[] = [];
    events.forEach((e, i) => {
      if (types.includes(e.type)) out.push(keys[i]!);
    });
    return Int32Array.from(out);
  };
  const a = pick(eventsA, keysA);
  const b = pick(eventsB, keysB);
  const distance = sequenceEditDistance(a, b);
  return { dNorm: normalizedDistance(distance, a.length, b.length), distance, lengthA: a.length, lengthB: b.length };
}

/** The last final answer of a run (the method reads the last final_answer event). */
function finalAnswer(events: readonly RunEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === "final_answer") return e.payload.answer;
  }
  return null;
}

/** Summary of one run; tokens and cost summed over LLM calls (agent spans may repeat them as roll-ups). */
function runSummary(events: readonly RunEvent[]): RunSummary {
  let tokens: number | null = null;
  let cost: number | null = null;
  const llmOnly = events.some((e) => e.type === "llm_call" && e.metrics !== null);
  let minT = Infinity;
  let maxT = -Infinity;
  for (const e of events) {
    minT = Math.min(minT, e.timeMs);
    maxT = Math.max(maxT, e.timeMs);
    if (!e.metrics || (llmOnly && e.type !== "llm_call")) continue;
    if (e.metrics.tokens !== null) tokens = (tokens ?? 0) + e.metrics.tokens;
    if (e.metrics.costUsd !== null) cost = (cost ?? 0) + e.metrics.costUsd;
  }
  return {
    events: events.length,
    steps: distinctSteps(events),
    routingTurns: countType(events, "routing_decision"),
    toolCalls: countType(events, "tool_invocation"),
    answer: finalAnswer(events),
    tokens,
    costUsd: cost,
    durationMs: events.length > 0 ? maxT - minT : 0,
  };
}

/** Name of the signature used, for the result. */
function signatureName(signature: DiffOptions["signature"]): DiffResult["signature"] {
  return typeof signature === "function" ? "custom" : (signature ?? "current");
}

/** Diff two runs already turned into events (importers and tests start here). */
export function diffEvents(eventsA: readonly RunEvent[], eventsB: readonly RunEvent[], options: DiffOptions = {}): DiffResult {
  const sig = resolveSignature(options.signature);
  const sigA = eventsA.map(sig);
  const sigB = eventsB.map(sig);
  const { a: keysA, b: keysB } = encodeKeys(sigA, sigB);
  const edit = alignKeys(keysA, keysB);
  const bucketed = options.alignment === "step_bucketed";
  const path: KeyAlignment = bucketed ? alignByStepBuckets(eventsA, eventsB, keysA, keysB) : edit;
  const withAnnotations = options.annotations ?? true;

  const pairs: DiffPair[] = new Array(path.length);
  const typed: { type: DivergenceType | null; a: RunEvent | null; b: RunEvent | null }[] = new Array(path.length);
  let first: FirstDivergence | null = null;
  for (let k = 0; k < path.length; k++) {
    const op = path.ops[k]!;
    const i = path.aIndex[k]!;
    const j = path.bIndex[k]!;
    const ea = i >= 0 ? eventsA[i]! : null;
    const eb = j >= 0 ? eventsB[j]! : null;
    let type: DivergenceType | null;
    if (ea && eb) {
      // Edit alignment: equal signatures are a match, never typed (the method's rule); the
      // bucketed alignment types every pair by its fields, as the older method did.
      type = op === OP_MATCH && !bucketed ? null : classifyPair(ea, eb);
    } else {
      type = eb ? insertionType(eb) : deletionType(ea!);
    }
    typed[k] = { type, a: ea, b: eb };
    if (type !== null && first === null) {
      first = {
        index: k,
        relative: k / path.length,
        step: ea?.step ?? eb?.step ?? null,
        spanIdA: ea?.spanId ?? null,
        spanIdB: eb?.spanId ?? null,
        type,
      };
    }
    pairs[k] = {
      index: k,
      op: OP_NAMES[op]!,
      type,
      a: ea ? { spanId: ea.spanId, type: ea.type, signature: sigA[i]!, step: ea.step, agent: ea.agent } : null,
      b: eb ? { spanId: eb.spanId, type: eb.type, signature: sigB[j]!, step: eb.step, agent: eb.agent } : null,
      deltas: pairDeltas(ea, eb),
      annotations: withAnnotations && ea && eb ? pairAnnotations(ea, eb) : null,
    };
  }

  let substitutions = 0;
  let insertions = 0;
  let deletions = 0;
  for (let k = 0; k < edit.length; k++) {
    const op = edit.ops[k];
    if (op === OP_SUBSTITUTION) substitutions++;
    else if (op === OP_INSERTION) insertions++;
    else if (op === OP_DELETION) deletions++;
  }
  const dNorm = normalizedDistance(edit.distance, eventsA.length, eventsB.length);
  const counts = controlFlowCounts(typed, eventsA, eventsB);
  const runA = runSummary(eventsA);
  const runB = runSummary(eventsB);
  const changed = answerChanged(runA.answer, runB.answer);
  const classification = classifyManifestation({
    dNorm,
    answerChanged: changed,
    secondAnswerMissing: runB.answer === null,
    earlyTermination: counts.earlyTermination,
    extendedExecution: counts.extendedExecution,
    reroutes: counts.reroutes,
    totalChanges: counts.totalChanges,
  });
  // Content can only be said to change the outcome when the runs ended differently.
  const outcomeDiffers =
    changed || counts.earlyTermination || counts.toolFailuresIntroduced > 0 || counts.toolFailuresAvoided > 0 || (runA.answer === null) !== (runB.answer === null);
  const contentDivergence = outcomeDiffers
    ? firstContentDivergence(
        pairs.map((p, k) => ({ op: p.op, a: typed[k]!.a, b: typed[k]!.b })),
        first?.index ?? path.length,
      )
    : null;
  const noiseFloor = options.noiseFloor ?? null;
  return {
    dNorm,
    firstDivergence: first,
    contentDivergence,
    classification,
    group: manifestationGroup(classification),
    counts,
    pairs,
    alignment: bucketed ? "step_bucketed" : "edit",
    signature: signatureName(options.signature),
    edits: { distance: edit.distance, substitutions, insertions, deletions, lengthA: eventsA.length, lengthB: eventsB.length },
    dimensions: {
      plan: dimensionScore(eventsA, eventsB, keysA, keysB, DIMENSIONS.plan),
      tools: dimensionScore(eventsA, eventsB, keysA, keysB, DIMENSIONS.tools),
      state: dimensionScore(eventsA, eventsB, keysA, keysB, DIMENSIONS.state),
    },
    runs: { a: runA, b: runB },
    answerChanged: changed,
    tokenRatio: runA.tokens !== null && runA.tokens > 0 && runB.tokens !== null ? runB.tokens / runA.tokens : null,
    noiseFloor,
    // "pairs at or below it are flagged as within noise" (docs/spec/run-diff.md §5)
    withinNoise: noiseFloor === null ? null : dNorm <= noiseFloor,
  };
}

/**
 * Diff two runs given as normalized spans: extract events (events.ts), align their
 * signatures, and report d_norm, t*, counts, classification and Onset's extras.
 */
export function diffRuns(
  spansA: readonly NormalizedSpan[],
  spansB: readonly NormalizedSpan[],
  options: DiffOptions = {},
): DiffResult {
  return diffEvents(extractRunEvents(spansA), extractRunEvents(spansB), options);
}

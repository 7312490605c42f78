/**
 * What the tree marks on each row: the failure onset, the downstream chain it spoiled,
 * loops (from the first repeat on, which is marked as where it starts), and step labels. Computed once per analysis as
 * lookups by span id and step id, so a row reads its markers in O(1).
 */
import type { ChainLink, LoopFinding, RunAnalysis, StepLabel } from "@onset/analysis";

/** Markers of one row. */
export interface RowMarkers {
  onset: boolean;
  chain: ChainLink["relation"] | null;
  loop: LoopFinding | null;
  /** The row is a loop's first repeat (where the waste starts). */
  loopOnset: boolean;
  label: StepLabel["label"] | null;
}

/** Lookups of every marker in a run. */
export interface RunMarkers {
  onsetSpans: Set<string>;
  onsetStepId: string | null;
  chainBySpan: Map<string, ChainLink>;
  chainByStep: Map<string, ChainLink>;
  loopBySpan: Map<string, LoopFinding>;
  loopOnsets: Set<string>;
  labelByStep: Map<string, StepLabel>;
}

/** Builds the lookups from an analysis. */
export function runMarkers(a: Pick<RunAnalysis, "onset" | "chain" | "loops" | "labels">): RunMarkers {
  const onsetSpans = new Set<string>(a.onset ? [a.onset.spanId, ...a.onset.actionSpanIds] : []);
  const chainBySpan = new Map<string, ChainLink>();
  const chainByStep = new Map<string, ChainLink>();
  for (const link of a.chain) {
    if (a.onset && link.stepId === a.onset.stepId) continue; // the onset itself is not its own consequence
    chainBySpan.set(link.spanId, link);
    chainByStep.set(link.stepId, link);
  }
  const loopBySpan = new Map<string, LoopFinding>();
  const loopOnsets = new Set<string>();
  for (const loop of a.loops) {
    // The first occurrence is the original call, not waste: mark from the first repeat on,
    // so no LOOP badge sits a step above "loop starts".
    const from = Math.max(0, loop.spanIds.indexOf(loop.onsetSpanId));
    for (const id of loop.spanIds.slice(from)) if (!loopBySpan.has(id)) loopBySpan.set(id, loop);
    loopOnsets.add(loop.onsetSpanId);
  }
  return {
    onsetSpans,
    onsetStepId: a.onset?.stepId ?? null,
    chainBySpan,
    chainByStep,
    loopBySpan,
    loopOnsets,
    labelByStep: new Map(a.labels.map((l) => [l.stepId, l])),
  };
}

/** The markers of a row: a span row by its span id, a step row by its step id. */
export function markersFor(m: RunMarkers, row: { kind: string; spanId: string | null; stepId: string | null }): RowMarkers {
  if (row.kind === "step" && row.stepId) {
    return {
      onset: row.stepId === m.onsetStepId,
      chain: m.chainByStep.get(row.stepId)?.relation ?? null,
      loop: null,
      loopOnset: false,
      label: m.labelByStep.get(row.stepId)?.label ?? null,
    };
  }
  if (row.kind === "span" && row.spanId) {
    return {
      onset: m.onsetSpans.has(row.spanId),
      chain: m.chainBySpan.get(row.spanId)?.relation ?? null,
      loop: m.loopBySpan.get(row.spanId) ?? null,
      loopOnset: m.loopOnsets.has(row.spanId),
      label: null,
    };
  }
  return { onset: false, chain: null, loop: null, loopOnset: false, label: null };
}

/**
 * The run page's part of an analysis (what apps/web `/diagnosis` sends): stored beside
 * the whole result as JSON text when an analysis is stored, and sent from a result just
 * computed.
 */
import type { RunAnalysis } from "@onset/analysis";

/** The analysis without the span tree (the outline has it) and the cost breakdown (the Cost tab reads it), each step without its transition and tokens. */
export function diagnosisPart(analysis: RunAnalysis) {
  const { tree: _tree, breakdown: _breakdown, ...rest } = analysis;
  return { ...rest, steps: rest.steps.map(({ transition: _t, tokens: _k, ...step }) => step) };
}

/** What {@link diagnosisPart} gives. */
export type DiagnosisPart = ReturnType<typeof diagnosisPart>;

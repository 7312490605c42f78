/**
 * The one entry point: spans in, the whole analysis out (what GET
 * /runs/{traceId}/analysis serves). Pure and deterministic: no I/O, no clock, input
 * never mutated; the index and run model are built once and shared by every pass.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { breakdownFromModel } from "./breakdown/run-breakdown";
import { contextGrowth } from "./breakdown/context-growth";
import { dagFromModel } from "./dag/build-dag";
import { loopsFromModel } from "./loops/detect-loops";
import type { LoopOptions } from "./loops/loop-core";
import { localizeOnset, type OnsetOptions } from "./onset/localize-onset";
import { ANALYSIS_VERSION, type RunAnalysis } from "./schema/analysis-schema";
import { modelFromIndex, summarizeModel } from "./steps/run-model";
import { treeFromIndex } from "./tree/build-tree";
import { indexSpans } from "./tree/span-index";

/** Options of analyzeRun. */
export interface AnalyzeOptions extends OnsetOptions {
  /** Loop detector thresholds. */
  loops?: LoopOptions;
}

/** Analyzes one run: tree, hierarchy, steps, labels, onset and chain, loops, DAG, breakdown. */
export function analyzeRun(spans: readonly NormalizedSpan[], options: AnalyzeOptions = {}): RunAnalysis {
  const index = indexSpans(spans);
  const tree = treeFromIndex(index);
  const model = modelFromIndex(index);
  const loops = loopsFromModel(model, options.loops);
  const onset = localizeOnset(model, loops, options);
  const { agents, stages, steps } = summarizeModel(model);
  return {
    version: ANALYSIS_VERSION,
    traceId: index.spans[0]?.traceId ?? null,
    spanCount: index.spans.length,
    tree,
    agents,
    stages,
    steps,
    outcome: onset.outcome,
    labels: onset.labels,
    onset: onset.onset,
    chain: onset.chain,
    candidates: onset.ranking,
    suspects: onset.suspects,
    loops,
    costFindings: contextGrowth(model),
    dag: dagFromModel(model),
    breakdown: breakdownFromModel(model),
    judge: null,
  };
}

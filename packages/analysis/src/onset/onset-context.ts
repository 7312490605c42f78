/**
 * What every onset signal reads: the run model, whether the run failed, the loops,
 * and the evidence board it writes to.
 */
import type { LoopFinding } from "../schema/loop-schema";
import type { RunModel } from "../steps/run-model";
import type { StepModel } from "../steps/step-model";
import type { EvidenceBoard } from "./evidence-board";

/** Shared input of the signals. */
export interface OnsetContext {
  model: RunModel;
  /** Steps in run order (model.steps). */
  steps: StepModel[];
  /** True when the run failed (explicitly or inferred): terminal signals only fire then. */
  failed: boolean;
  loops: LoopFinding[];
  board: EvidenceBoard;
  /** Step owning each span id. */
  stepOfSpan: Map<string, StepModel>;
  /** Paths the agent created itself (its scaffolding). */
  created: ReadonlySet<string>;
}

/** "step 12" the way evidence texts name steps: run order counted from 1, as the run page does, with the source's own number beside it. */
export function stepName(step: StepModel): string {
  return step.sourceIndex !== null ? `step ${stepNumber(step.index)} (source step ${step.sourceIndex})` : `step ${stepNumber(step.index)}`;
}

/** A step's number as the run page shows it: "Step 4" is the step at index 3. Every text a person reads counts from 1. */
export function stepNumber(index: number): number {
  return index + 1;
}

/** The span ids a step's evidence points at: its actions, else its decision. */
export function pointAt(ctx: OnsetContext, step: StepModel): string[] {
  if (step.actions.length > 0) return step.actions.map((a) => a.spanId);
  return step.llm >= 0 ? [ctx.model.index.spans[step.llm]!.spanId] : [step.id];
}

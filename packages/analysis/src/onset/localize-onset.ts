/**
 * Failure-onset localization (docs/spec/failure-onset.md): every signal writes evidence about
 * steps; a step is *incorrect* when the noisy-or of its evidence reaches 0.5, *unuseful*
 * when its redundancy evidence does; the onset is the earliest incorrect step
 * (CodeTraceBench: onset = min(incorrect_step_ids)); the chain is what came after it
 * and was incorrect too or consumed its effect. A failed run always gets an onset: with
 * no step over the threshold, a conversation's first substantive message, else the
 * best-scored step (else the last change, else the last step) is named with low confidence. Successful runs get labels but no onset.
 *
 * The onset names its step by the step's primary span: the decision LLM span (the
 * decision is what was wrong), or the first action span of a step without one.
 */
import type { Evidence } from "../schema/common-schema";
import { clip } from "../spans/text-hash";
import type { LoopFinding } from "../schema/loop-schema";
import type { ChainLink, Onset, RunOutcome, StepLabel, Suspect } from "../schema/onset-schema";
import type { RunModel } from "../steps/run-model";
import type { StepModel } from "../steps/step-model";
import { stepSpanIds } from "../steps/summarize-steps";
import { changeSteps, checkHistory, createdPaths } from "./check-history";
import { EvidenceBoard, LABEL_THRESHOLD } from "./evidence-board";
import { stepName, stepNumber, type OnsetContext } from "./onset-context";
import { runOutcome } from "./run-outcome";
import { answerFitSignal, finalAnswer } from "./answer-fit";
import { backtrackSignal } from "./signal-backtrack";
import { contradictionSignal } from "./signal-contradiction";
import { errorSignal, type ErrorFindings } from "./signal-errors";
import { groundingSignal } from "./signal-grounding";
import { miscountSignal } from "./signal-miscount";
import { redundancySignal } from "./signal-redundancy";
import { regressionSignal } from "./signal-regression";
import { terminalSignal } from "./signal-terminal";

/** Options of the localizer. */
export interface OnsetOptions {
  /** The run's outcome when the caller knows it (overrides attributes and inference). */
  outcome?: "failed" | "succeeded";
}

/** What the localizer returns. */
export interface OnsetResult {
  outcome: RunOutcome;
  labels: StepLabel[];
  onset: Onset | null;
  chain: ChainLink[];
  /** Step ids ranked by incorrect score, best first (the judge's candidates). */
  ranking: { stepId: string; stepIndex: number; score: number }[];
  /** Outcome unknown: the steps the signals would blame if the run failed, best first. */
  suspects: Suspect[];
}

/** Most suspects named for a run whose outcome is unknown. */
const MAX_SUSPECTS = 5;

/** Runs every signal over a run, writing to the context's board; returns what the error signal found. */
function runSignals(ctx: OnsetContext): ErrorFindings {
  const history = checkHistory(ctx.model.steps);
  const changes = changeSteps(ctx.model.steps);
  const regressed = regressionSignal(ctx, history, changes);
  backtrackSignal(ctx);
  const errors = errorSignal(ctx);
  terminalSignal(ctx, history, changes, regressed, errors);
  groundingSignal(ctx);
  contradictionSignal(ctx);
  miscountSignal(ctx);
  answerFitSignal(ctx);
  redundancySignal(ctx);
  return errors;
}

/** A localization with the evidence board it was read from. */
interface Localized {
  result: Omit<OnsetResult, "suspects">;
  board: EvidenceBoard;
}

/**
 * For a run whose outcome is unknown: the run localized as if it had failed, read as a
 * list of where to look. The onset it would get comes first, then its chain's incorrect
 * steps, then the other steps with the most evidence, so the first suspect is exactly
 * what "Mark failed" makes the onset. No onset is claimed; the user decides.
 */
function suspectsIfFailed(model: RunModel, loops: readonly LoopFinding[], outcome: RunOutcome): Suspect[] {
  const { result, board } = localize(model, loops, { ...outcome, status: "failed" });
  const picked: { idx: number; evidence: Evidence[] }[] = [];
  const seen = new Set<number>();
  const add = (idx: number, evidence: Evidence[]) => {
    if (picked.length >= MAX_SUSPECTS || seen.has(idx)) return;
    seen.add(idx);
    picked.push({ idx, evidence });
  };
  const strongest = (idx: number) => board.evidence(idx, "incorrect").filter((e) => e.weight > 0).sort((a, b) => b.weight - a.weight);
  if (result.onset !== null) add(result.onset.stepIndex, result.onset.evidence.filter((e) => e.kind !== "conflict"));
  for (const link of result.chain) if (link.relation === "incorrect") add(link.stepIndex, strongest(link.stepIndex));
  for (const r of result.ranking) add(r.stepIndex, strongest(r.stepIndex));
  return picked.map(({ idx, evidence }) => {
    const step = model.steps[idx]!;
    const score = Math.min(1, board.score(idx, "incorrect"));
    return { spanId: step.id, stepId: step.id, stepIndex: idx, sourceIndex: step.sourceIndex, agentName: step.agentName, score, evidence };
  });
}

/** Localizes the failure onset of a run model, given its loops. */
export function localizeOnset(model: RunModel, loops: readonly LoopFinding[], options: OnsetOptions = {}): OnsetResult {
  const outcome = runOutcome(model, options.outcome);
  const { result } = localize(model, loops, outcome);
  const suspects = outcome.status === "unknown" && model.steps.length > 0 ? suspectsIfFailed(model, loops, outcome) : [];
  return { ...result, outcome, suspects };
}

/** Runs the signals for a run whose outcome is settled as given, and reads onset, chain and labels off the board. */
function localize(model: RunModel, loops: readonly LoopFinding[], outcome: RunOutcome): Localized {
  const failed = outcome.status === "failed";
  const board = new EvidenceBoard();
  const stepOfSpan = new Map<string, StepModel>();
  for (const s of model.steps) for (const id of stepSpanIds(model.index, s)) stepOfSpan.set(id, s);
  const ctx: OnsetContext = { model, steps: model.steps, failed, loops: [...loops], board, stepOfSpan, created: createdPaths(model.steps) };

  const errors = runSignals(ctx);

  const labels: StepLabel[] = [];
  const ranking: OnsetResult["ranking"] = [];
  for (const idx of board.stepIndexes()) {
    const step = model.steps[idx]!;
    const inc = board.score(idx, "incorrect");
    const unu = board.score(idx, "unuseful");
    if (inc > 0) ranking.push({ stepId: step.id, stepIndex: idx, score: inc });
    if (inc >= LABEL_THRESHOLD) labels.push(label(step, "incorrect", inc, board.evidence(idx, "incorrect")));
    else if (unu >= LABEL_THRESHOLD) labels.push(label(step, "unuseful", unu, board.evidence(idx, "unuseful")));
  }
  ranking.sort((a, b) => b.score - a.score || a.stepIndex - b.stepIndex);

  if (!failed || model.steps.length === 0) return { result: { outcome, labels, onset: null, chain: [], ranking }, board };

  let onsetStep: StepModel;
  let fallback: Evidence | null = null;
  const incorrect = labels.filter((l) => l.label === "incorrect");
  if (incorrect.length > 0) onsetStep = model.steps[incorrect[0]!.stepIndex]!;
  else {
    ({ step: onsetStep, evidence: fallback } = fallbackOnset(model, ranking));
    const kept = labels.filter((l) => l.stepIndex !== onsetStep.index);
    kept.push(label(onsetStep, "incorrect", board.score(onsetStep.index, "incorrect"), [...board.evidence(onsetStep.index, "incorrect"), fallback]));
    kept.sort((a, b) => a.stepIndex - b.stepIndex);
    labels.length = 0;
    labels.push(...kept);
  }

  const onsetScore = board.score(onsetStep.index, "incorrect");
  const notes = conflictNotes(onsetStep, ranking, errors, board, model);
  const evidence = [...board.evidence(onsetStep.index, "incorrect"), ...(fallback ? [fallback] : []), ...notes];
  const onset: Onset = {
    spanId: onsetStep.id,
    stepId: onsetStep.id,
    stepIndex: onsetStep.index,
    sourceIndex: onsetStep.sourceIndex,
    agentName: onsetStep.agentName,
    actionSpanIds: onsetStep.actions.map((a) => a.spanId),
    evidence,
    confidence: confidence(onsetStep, onsetScore, fallback !== null, outcome, ranking, board),
  };
  const chain: ChainLink[] = [];
  const incorrectIdx = new Set(labels.filter((l) => l.label === "incorrect").map((l) => l.stepIndex));
  for (const step of model.steps) {
    if (step.index <= onsetStep.index) continue;
    if (incorrectIdx.has(step.index)) chain.push({ spanId: step.id, stepId: step.id, stepIndex: step.index, agentName: step.agentName, relation: "incorrect", evidence: board.evidence(step.index, "incorrect") });
    else if (board.evidence(step.index, "affected").length > 0) chain.push({ spanId: step.id, stepId: step.id, stepIndex: step.index, agentName: step.agentName, relation: "affected", evidence: board.evidence(step.index, "affected") });
  }
  return { result: { outcome, labels, onset, chain, ranking }, board };
}

function label(step: StepModel, kind: StepLabel["label"], score: number, evidence: Evidence[]): StepLabel {
  return { stepId: step.id, spanId: step.id, stepIndex: step.index, label: kind, score: Math.min(1, Math.max(0, score)), evidence };
}

/** Characters of text from which a message says something of substance (a few sentences). */
const SUBSTANTIVE_CHARS = 200;

/**
 * The first substantive message of a conversation, when the run is one: at least half of
 * its steps act on nothing (no tool call other than a handoff), as in group chats where
 * agents answer, plan and criticise in words. With no step over the threshold, a
 * conversation's failure most often starts at its first real contribution, which every
 * later message builds on; the weak scores of later messages mostly echo it.
 */
function firstContribution(model: RunModel): StepModel | null {
  const quiet = model.steps.filter((s) => s.actions.every((a) => a.kind === "handoff")).length;
  if (quiet < 0.5 * model.steps.length) return null;
  return model.steps.find((s) => s.llmText.trim().length > SUBSTANTIVE_CHARS) ?? null;
}

/** Longest final answer read as a value to trace back (a number, a name, a short phrase). */
const ANSWER_VALUE_CHARS = 100;

/**
 * The step just before the answering one, when its observation showed the final answer's
 * value as a whole token: a code or research agent that prints a result and then answers
 * with it relays that step's work, so a wrong answer started there ("Count of studio
 * albums: 0", then final_answer(0)). Only the step right before: a short value such as "0"
 * stands somewhere in most longer histories by chance.
 */
function answerSource(model: RunModel): { step: StepModel; value: string } | null {
  const n = model.steps.length;
  const value = finalAnswer(model)?.trim();
  if (n < 2 || value === undefined || value === "" || value.length > ANSWER_VALUE_CHARS) return null;
  const token = new RegExp(`(?<![\\w.])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w]|\\.\\d)`);
  const step = model.steps[n - 2]!;
  return step.actions.some((a) => a.ok && token.test(a.output.slice(0, 20_000))) ? { step, value } : null;
}

function fallbackOnset(model: RunModel, ranking: OnsetResult["ranking"]): { step: StepModel; evidence: Evidence } {
  const opening = firstContribution(model);
  if (opening !== null) {
    return { step: opening, evidence: { kind: "fallback", text: `no step reached the threshold; in a conversation the failure most often starts at its first substantive message, ${stepName(opening)}`, spanIds: [opening.id], weight: 0 } };
  }
  const best = ranking[0];
  if (best !== undefined) {
    const step = model.steps[best.stepIndex]!;
    return { step, evidence: { kind: "fallback", text: `no step reached the threshold; ${stepName(step)} has the strongest evidence (${best.score.toFixed(2)})`, spanIds: [step.id], weight: 0 } };
  }
  const source = answerSource(model);
  if (source !== null) {
    return { step: source.step, evidence: { kind: "fallback", text: `no step reached the threshold; the final answer ("${clip(source.value, 40)}") is the value ${stepName(source.step)} produced, which the answer relayed`, spanIds: [source.step.id], weight: 0 } };
  }
  const changes = changeSteps(model.steps);
  const lastChange = changes[changes.length - 1];
  const step = lastChange ?? model.steps[model.steps.length - 1]!;
  const why = lastChange ? "the last change before the run failed (no signal pointed anywhere)" : "the last step (no signal pointed anywhere and nothing changed state)";
  return { step, evidence: { kind: "fallback", text: why, spanIds: [step.id], weight: 0 } };
}

function conflictNotes(onset: StepModel, ranking: OnsetResult["ranking"], errors: ErrorFindings, board: EvidenceBoard, model: RunModel): Evidence[] {
  const notes: Evidence[] = [];
  const first = errors.firstError;
  if (first !== null && first.step !== onset) {
    const where = stepName(first.step);
    const text =
      first.recoveredAt !== null
        ? `first error at ${where} was recovered at step ${stepNumber(first.recoveredAt)}, so it is not the onset; the evidence at ${stepName(onset)} wins`
        : first.step.index > onset.index
          ? `first error at ${where} comes after the onset: it descends from ${stepName(onset)}`
          : `first error at ${where} stayed below the threshold (${board.score(first.step.index, "incorrect").toFixed(2)}); the evidence at ${stepName(onset)} is stronger`;
    notes.push({ kind: "conflict", text, spanIds: [first.action.spanId], weight: 0 });
  }
  const top = ranking[0];
  const onsetScore = board.score(onset.index, "incorrect");
  if (top !== undefined && top.stepIndex !== onset.index && top.score > onsetScore + 1e-9) {
    const topStep = model.steps[top.stepIndex]!;
    const rel = top.stepIndex > onset.index ? "it is in the downstream chain" : "it stayed below the threshold";
    notes.push({
      kind: "conflict",
      text: `${stepName(topStep)} scored higher (${top.score.toFixed(2)} vs ${onsetScore.toFixed(2)}), but the onset is the earliest incorrect step; ${rel}`,
      spanIds: [topStep.id],
      weight: 0,
    });
  }
  return notes;
}

function confidence(step: StepModel, score: number, isFallback: boolean, outcome: RunOutcome, ranking: OnsetResult["ranking"], board: EvidenceBoard): number {
  if (isFallback) return Math.max(0.05, Math.min(0.3, score * 0.5));
  const kinds = new Set(board.evidence(step.index, "incorrect").filter((e) => e.weight > 0).map((e) => e.kind));
  let c = score + Math.min(0.2, 0.1 * (kinds.size - 1));
  if (outcome.source === "inferred") c *= 0.8;
  const top = ranking[0];
  if (top !== undefined && top.score - score > 0.2) c -= 0.1;
  return Math.round(Math.min(0.97, Math.max(0.05, c)) * 1000) / 1000;
}

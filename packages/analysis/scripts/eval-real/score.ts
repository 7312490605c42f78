/**
 * Scores one analysed real run against its human label, and the floors beside it.
 *
 * Positions: a step's position is its source step number (`onset.step.index`, what
 * importers write and labels cite), else its run-order index. Distances (±1, ±3) are
 * in positions, so on τ-bench they are messages, as the labels count them.
 */
import type { RunAnalysis } from "../../src/schema/analysis-schema";
import type { EvalCase, StepRef } from "./cases";

/** Methods compared: the localizer and the floors. */
export const METHODS = ["onset", "onset or top suspect", "first error", "last step", "first agent step", "random"] as const;
/** A method's name. */
export type Method = (typeof METHODS)[number];

/** One method's answer on one failed run, scored. */
export interface CaseScore {
  answered: number;
  exact: number;
  within1: number;
  within3: number;
  agent: number;
  inErrors: number;
  f1: number;
}

interface StepPos {
  position: number;
  agentName: string;
  spanIds: string[];
  failed: boolean;
}

function stepPositions(a: RunAnalysis, spansById: Map<string, { statusCode: string }>): StepPos[] {
  return a.steps.map((s, k) => {
    const failed = s.transition.errors.length > 0 || s.spanIds.some((id) => spansById.get(id)?.statusCode === "error");
    return { position: s.sourceIndex ?? k, agentName: s.agentName, spanIds: s.spanIds, failed };
  });
}

/** Resolves a label's reference to a position, or null when it points at nothing. */
function resolve(ref: StepRef, c: EvalCase, steps: StepPos[]): number | null {
  if ("step" in ref) return ref.step;
  if ("spanId" in ref) return steps.find((s) => s.spanIds.includes(ref.spanId))?.position ?? null;
  // A message index: the step holding a span made from that message, else the next one.
  let best: { source: number; position: number } | null = null;
  const owner = new Map<string, number>();
  for (const s of steps) for (const id of s.spanIds) owner.set(id, s.position);
  for (const span of c.spans) {
    const src = span.attributes["onset.source.index"];
    const pos = owner.get(span.spanId);
    if (typeof src !== "number" || pos === undefined || src < ref.message) continue;
    if (best === null || src < best.source) best = { source: src, position: pos };
  }
  return best?.position ?? null;
}

function sameAgent(predicted: string, gold: string | null): boolean {
  if (gold === null) return false;
  const p = predicted.toLowerCase();
  const g = gold.toLowerCase();
  return p === g || p.startsWith(g) || g.startsWith(p);
}

function f1(predicted: Set<number>, gold: Set<number>): number {
  if (predicted.size === 0 || gold.size === 0) return 0;
  let hit = 0;
  for (const x of predicted) if (gold.has(x)) hit++;
  if (hit === 0) return 0;
  const p = hit / predicted.size;
  const r = hit / gold.size;
  return (2 * p * r) / (p + r);
}

function pointScore(pos: StepPos | null, goldPos: number, errors: Set<number>, goldAgent: string | null, labelled: Set<number>): CaseScore {
  if (pos === null) return { answered: 0, exact: 0, within1: 0, within3: 0, agent: 0, inErrors: 0, f1: 0 };
  const d = Math.abs(pos.position - goldPos);
  return {
    answered: 1,
    exact: d === 0 ? 1 : 0,
    within1: d <= 1 ? 1 : 0,
    within3: d <= 3 ? 1 : 0,
    agent: sameAgent(pos.agentName, goldAgent) ? 1 : 0,
    inErrors: errors.has(pos.position) ? 1 : 0,
    f1: f1(labelled, errors),
  };
}

/** Scores every method on one labelled failed run; null when the label resolves to nothing. */
export function scoreFailedCase(c: EvalCase, a: RunAnalysis): Record<Method, CaseScore> | null {
  if (c.gold === null) return null;
  const spansById = new Map(c.spans.map((s) => [s.spanId, s]));
  const steps = stepPositions(a, spansById);
  const goldPos = resolve(c.gold.onset, c, steps);
  if (goldPos === null || steps.length === 0) return null;
  const errors = new Set<number>([goldPos]);
  for (const e of c.gold.errors) {
    const p = resolve(e, c, steps);
    if (p !== null) errors.add(p);
  }
  const byId = new Map(a.steps.map((s, k) => [s.id, steps[k]!]));
  const onsetPos = a.onset === null ? null : (byId.get(a.onset.stepId) ?? null);
  const labelled = new Set(a.labels.filter((l) => l.label === "incorrect").map((l) => byId.get(l.stepId)?.position).filter((p): p is number => p !== undefined));
  const firstError = steps.find((s) => s.failed) ?? null;
  const last = steps[steps.length - 1]!;
  const firstAgent = steps[0]!;
  const one = (p: StepPos | null): CaseScore => pointScore(p, goldPos, errors, c.gold!.agent, p === null ? new Set() : new Set([p.position]));
  // Random: the expectation of picking one step uniformly, computed exactly.
  const all = steps.map((s) => one(s));
  const mean = (k: keyof CaseScore): number => all.reduce((x, s) => x + s[k], 0) / all.length;
  // With no verdict and no sign of failure there is no onset, but the analysis names the
  // steps it would blame if the run failed (`suspects`): the first is what a user looks at.
  const suspect = a.suspects[0] === undefined ? null : (byId.get(a.suspects[0].stepId) ?? null);
  return {
    onset: pointScore(onsetPos, goldPos, errors, c.gold.agent, labelled),
    "onset or top suspect": onsetPos !== null ? pointScore(onsetPos, goldPos, errors, c.gold.agent, labelled) : one(suspect),
    "first error": one(firstError),
    "last step": one(last),
    "first agent step": one(firstAgent),
    random: { answered: 1, exact: mean("exact"), within1: mean("within1"), within3: mean("within3"), agent: mean("agent"), inErrors: mean("inErrors"), f1: mean("f1") },
  };
}

/** Mean of each field over runs. */
export function meanScore(scores: readonly CaseScore[]): CaseScore {
  const n = Math.max(1, scores.length);
  const sum = (k: keyof CaseScore): number => scores.reduce((x, s) => x + s[k], 0) / n;
  return { answered: sum("answered"), exact: sum("exact"), within1: sum("within1"), within3: sum("within3"), agent: sum("agent"), inErrors: sum("inErrors"), f1: sum("f1") };
}

/**
 * Runaway context (docs/spec/failure-onset.md §4b): an agent whose per-step prompt keeps
 * growing while its steps learn nothing new. Every long run's context grows, so growth
 * alone is normal; what makes it runaway is growth without progress — the agent pays for
 * an ever longer history and gets the same observations (or errors) back.
 *
 * A stretch is a maximal run of the agent's consecutive decisions whose input tokens never
 * shrink by more than 2%. It is reported when it spans at least MIN_STEPS decisions, its
 * last prompt is at least GROWTH times its first and at least MIN_LAST_INPUT tokens, and
 * fewer than half of its steps made progress (a successful change, or an output — or, for
 * a tool-less turn, a text — its agent had not seen before). Linear in the steps.
 */
import type { CostFinding } from "../schema/cost-finding-schema";
import { roundUsd } from "../spans/token-sums";
import type { RunModel } from "../steps/run-model";
import type { StepModel } from "../steps/step-model";
import { outputFingerprint } from "../spans/text-hash";

const MIN_STEPS = 5;
const GROWTH = 2.5;
const MIN_LAST_INPUT = 20_000;
const MAX_PROGRESS_SHARE = 0.5;

interface Point {
  step: StepModel;
  input: number;
  progress: boolean;
}

function points(model: RunModel, steps: readonly StepModel[]): Point[] {
  const seen = new Set<string>();
  const out: Point[] = [];
  for (const step of steps) {
    let progress = false;
    for (const a of step.actions) {
      if (!a.ok) continue;
      if (a.kind === "change" || (a.output.trim() !== "" && !seen.has(a.outputFingerprint))) progress = true;
      seen.add(a.outputFingerprint);
    }
    if (step.actions.length === 0 && step.llmText.trim() !== "") {
      const fp = outputFingerprint(step.llmText);
      if (!seen.has(fp)) progress = true;
      seen.add(fp);
    }
    const input = step.llm >= 0 ? model.index.spans[step.llm]!.usage.input : null;
    if (input !== null && input > 0) out.push({ step, input, progress });
  }
  return out;
}

function finding(agentName: string, stretch: Point[]): CostFinding | null {
  if (stretch.length < MIN_STEPS) return null;
  const first = stretch[0]!.input;
  const last = stretch[stretch.length - 1]!.input;
  if (last < MIN_LAST_INPUT || last < GROWTH * first) return null;
  const progressShare = stretch.filter((p) => p.progress).length / stretch.length;
  if (progressShare >= MAX_PROGRESS_SHARE) return null;
  const inputTokens = stretch.reduce((a, p) => a + p.input, 0);
  const costUsd = roundUsd(stretch.reduce((a, p) => a + p.step.costUsd, 0));
  const k = (n: number): string => `${Math.round(n / 1000)}k`;
  return {
    kind: "context-growth",
    agentName,
    stepIds: stretch.map((p) => p.step.id),
    fromInputTokens: first,
    toInputTokens: last,
    inputTokens,
    costUsd,
    progressShare: Math.round(progressShare * 100) / 100,
    text: `${agentName}'s prompt grew from ${k(first)} to ${k(last)} input tokens over ${stretch.length} steps while ${Math.round(progressShare * 100)}% of them learned anything new ($${costUsd.toFixed(2)} spent on them)`,
  };
}

/** Stretches of runaway context growth, per agent, in run order. */
export function contextGrowth(model: RunModel): CostFinding[] {
  const found: CostFinding[] = [];
  for (const agent of model.agents) {
    const pts = points(model, agent.steps);
    let start = 0;
    for (let k = 1; k <= pts.length; k++) {
      if (k < pts.length && pts[k]!.input >= pts[k - 1]!.input * 0.98) continue;
      const f = finding(agent.name, pts.slice(start, k));
      if (f !== null) found.push(f);
      start = k;
    }
  }
  const order = new Map(model.steps.map((s) => [s.id, s.index]));
  return found.sort((a, b) => order.get(a.stepIds[0]!)! - order.get(b.stepIds[0]!)!);
}

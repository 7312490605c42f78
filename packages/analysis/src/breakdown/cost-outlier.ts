/**
 * Runaway cost by comparison (docs/spec/failure-onset.md §4b, "the read side"): a run
 * that cost many times what comparable runs of its project cost. The analyzer alone sees
 * one run, so the analysis service supplies the comparison (the median cost of the other
 * runs of the same task, or of the project) and this turns it into a cost finding that
 * also says where the money went: the costliest agent and how its prompts grew.
 */
import type { CostFinding } from "../schema/cost-finding-schema";
import type { StepSummary } from "../schema/step-schema";
import { roundUsd } from "../spans/token-sums";

/** Costs of the runs a run is compared with. */
export interface CostBaseline {
  /** Median cost of the other runs. */
  medianUsd: number;
  /** How many other runs the median is over. */
  runs: number;
  /** The runs share the run's task, or only its project. */
  basis: "task" | "project";
}

/** A run is an outlier from this many times the median... */
export const OUTLIER_RATIO = 10;
/** ...when it cost at least this much (ten times a tenth of a cent is no news). */
export const OUTLIER_MIN_USD = 0.5;
/** Fewest other runs a median is worth comparing with. */
export const OUTLIER_MIN_RUNS = 3;

const k = (n: number): string => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

/**
 * The cost-outlier finding of a run that cost `runCostUsd`, or null when the baseline is
 * too thin (fewer than OUTLIER_MIN_RUNS runs) or the run is not OUTLIER_RATIO times its
 * median and OUTLIER_MIN_USD or more.
 */
export function costOutlier(runCostUsd: number, steps: readonly StepSummary[], baseline: CostBaseline | null): CostFinding | null {
  if (!baseline || baseline.runs < OUTLIER_MIN_RUNS || runCostUsd < OUTLIER_MIN_USD) return null;
  const ratio = baseline.medianUsd > 0 ? runCostUsd / baseline.medianUsd : Number.POSITIVE_INFINITY;
  if (ratio < OUTLIER_RATIO) return null;
  // Where the money went: the agent whose decisions cost most, and how its prompts grew.
  const byAgent = new Map<string, StepSummary[]>();
  for (const s of steps) {
    if (s.llmSpanId === null) continue;
    const list = byAgent.get(s.agentName) ?? [];
    list.push(s);
    byAgent.set(s.agentName, list);
  }
  let agentName = "";
  let agentSteps: StepSummary[] = [];
  let agentCost = -1;
  for (const [name, list] of byAgent) {
    const cost = list.reduce((a, s) => a + s.costUsd, 0);
    if (cost > agentCost) [agentName, agentSteps, agentCost] = [name, list, cost];
  }
  const inputs = agentSteps.map((s) => s.tokens.input);
  const from = inputs[0] ?? 0;
  const to = inputs.length > 0 ? Math.max(...inputs) : 0;
  const shown = Number.isFinite(ratio) ? Math.round(ratio) : null;
  const basis = baseline.basis === "task" ? "other runs of the same task" : "other runs of this project";
  const growth = agentSteps.length >= 2 && to > from ? `; ${agentName}'s prompt grew from ${k(from)} to ${k(to)} input tokens over ${agentSteps.length} calls` : "";
  const pct = agentCost > 0 && runCostUsd > 0 ? Math.floor((agentCost / runCostUsd) * 100) : 0;
  const share = pct > 0 ? ` (${pct >= 99 ? `nearly all of it by ${agentName}` : `${agentName} spent ${pct}% of it`})` : "";
  const median = baseline.medianUsd >= 0.01 || baseline.medianUsd === 0 ? baseline.medianUsd.toFixed(2) : baseline.medianUsd.toPrecision(2);
  return {
    kind: "cost-outlier",
    agentName,
    stepIds: agentSteps.map((s) => s.llmSpanId ?? s.id),
    fromInputTokens: from,
    toInputTokens: to,
    inputTokens: inputs.reduce((a, n) => a + n, 0),
    costUsd: roundUsd(runCostUsd),
    progressShare: 1,
    text:
      `This run cost $${runCostUsd.toFixed(2)}, ${shown === null ? "far more than" : `${shown}×`} the median $${median} ` +
      `of ${baseline.runs} ${basis}${share}${growth}`,
    baseline: { ...baseline, ratio: shown ?? 0 },
  };
}

/**
 * CodeTraceBench's step-level metric (docs/spec/failure-onset.md "CodeTraceBench and its scoring"):
 * per trajectory, precision/recall/F1 of predicted vs gold incorrect step ids, with
 * F1 = 0 when either set is empty; macro-averaged over trajectories. Plus the onset
 * exact-hit rate over trajectories that have a gold onset.
 */

/** Precision, recall and F1 of one trajectory. */
export interface StepScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Gold and predicted labels of one trajectory. */
export interface ScoredRun {
  id: string;
  goldIncorrect: readonly string[];
  goldOnset: string | null;
  predictedIncorrect: readonly string[];
  predictedOnset: string | null;
}

/** Macro-averaged scores of a set of trajectories. */
export interface MetricSummary {
  runs: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of runs with a gold onset whose predicted onset is exactly it. */
  onsetHitRate: number;
  perRun: (StepScore & { id: string; onsetHit: boolean | null })[];
}

/** Scores one trajectory's predicted incorrect steps against the gold ones. */
export function stepScore(predicted: Iterable<string>, gold: Iterable<string>): StepScore {
  const p = new Set(predicted);
  const g = new Set(gold);
  if (p.size === 0 || g.size === 0) return { precision: 0, recall: 0, f1: 0 };
  let hit = 0;
  for (const x of p) if (g.has(x)) hit++;
  const precision = hit / p.size;
  const recall = hit / g.size;
  return { precision, recall, f1: hit === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Macro-averages step scores and the onset hit rate over trajectories. */
export function scoreRuns(runs: readonly ScoredRun[]): MetricSummary {
  const perRun = runs.map((r) => ({
    id: r.id,
    ...stepScore(r.predictedIncorrect, r.goldIncorrect),
    onsetHit: r.goldOnset === null ? null : r.predictedOnset === r.goldOnset,
  }));
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const withOnset = perRun.filter((r) => r.onsetHit !== null);
  return {
    runs: runs.length,
    precision: mean(perRun.map((r) => r.precision)),
    recall: mean(perRun.map((r) => r.recall)),
    f1: mean(perRun.map((r) => r.f1)),
    onsetHitRate: withOnset.length === 0 ? 0 : withOnset.filter((r) => r.onsetHit).length / withOnset.length,
    perRun,
  };
}

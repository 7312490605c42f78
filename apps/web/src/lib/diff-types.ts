/**
 * Response shapes of the diff API as the UI reads them. The top level is the public GET
 * /diff shape (docs/spec/public-api.md: dNorm, firstDivergence, classification, group, counts,
 * pairs) plus diffRuns' extras (dimensions, edits, runs, answerChanged, ...), to which the
 * API adds the two runs' summaries and the facts of the spans the pairs point at.
 */
import type { DiffResult, DiffSpanInfo } from "@onset/analysis";
import type { RunSummary } from "@onset/db";

/** What the diff page shows of a span a pair points at: @onset/analysis's DiffSpanInfo. */
export type { DiffSpanInfo } from "@onset/analysis";

/** Span facts of each side, by span id (only the spans some pair points at). */
export interface DiffSpans {
  a: Record<string, DiffSpanInfo>;
  b: Record<string, DiffSpanInfo>;
}

/** One baseline of a group comparison. */
export interface BaselineScore {
  traceId: string;
  name: string | null;
  startTime: string;
  status: string;
  /** d_norm between this baseline and the compared run. */
  dNorm: number;
}

/** How the compared run stands against its baseline group. */
export interface BaselineInfo {
  /** The baselines were picked by `baseline=auto`. */
  auto: boolean;
  runs: BaselineScore[];
  /** The baseline the full diff is against (smallest d_norm). */
  closestTraceId: string;
  /** Largest d_norm among the baselines pairwise; null with one baseline. */
  noiseFloor: number | null;
  /** The run's closest d_norm is at or below the noise floor. */
  withinNoise: boolean | null;
  baselinePairs: { a: string; b: string; dNorm: number }[];
}

/** GET /api/v1/diff?a&b: A = run `a` (clean, reference), B = run `b` (perturbed, candidate). */
export type PairDiffResponse = DiffResult & {
  mode: "pair";
  runA: RunSummary;
  runB: RunSummary;
  spans: DiffSpans;
};

/** GET /api/v1/diff?a&baseline: A = the closest baseline, B = run `a`. */
export type BaselineDiffResponse = DiffResult & {
  mode: "baseline";
  runA: RunSummary;
  runB: RunSummary;
  spans: DiffSpans;
  baseline: BaselineInfo;
};

/** Either diff response. */
export type DiffResponse = PairDiffResponse | BaselineDiffResponse;

/**
 * Chart points of the dashboard from the API's series: labels per bucket, runs split
 * into ok and failed for a stacked bar, error rate in percent, tokens summed. No React.
 */
import type { DashboardPoint } from "@onset/db";
import { bucketLabel, bucketTitle, type Bucket } from "./dashboard-range";

/** A bucket as GET /api/v1/dashboard returns it (the type only: no database code reaches the browser). */
export type SeriesPoint = DashboardPoint;

/** One point of the charts. */
export interface ChartPoint {
  time: string;
  label: string;
  /** The tooltip's title: the bucket's start in local time (bucketTitle). */
  title: string;
  okRuns: number;
  errorRuns: number;
  /** Error rate in percent; null for a bucket without runs (a gap, not a zero). */
  errorRatePct: number | null;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
}

/** Chart points of a series over a range of `spanMs` in `bucket` buckets. */
export function chartPoints(series: readonly SeriesPoint[], bucket: Bucket, spanMs: number): ChartPoint[] {
  return series.map((p) => ({
    time: p.time,
    label: bucketLabel(p.time, bucket, spanMs),
    title: bucketTitle(p.time, bucket),
    okRuns: p.runs - p.errorRuns,
    errorRuns: p.errorRuns,
    errorRatePct: p.errorRate === null ? null : Math.round(p.errorRate * 1000) / 10,
    costUsd: p.costUsd,
    inputTokens: p.inputTokens,
    outputTokens: p.outputTokens,
    tokens: p.inputTokens + p.outputTokens,
  }));
}

/** Whether a series has anything to draw (an all-zero chart is shown as an empty state instead). */
export function hasData(series: readonly SeriesPoint[]): boolean {
  return series.some((p) => p.runs > 0 || p.costUsd > 0 || p.inputTokens + p.outputTokens > 0);
}

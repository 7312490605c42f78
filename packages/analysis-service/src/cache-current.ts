/**
 * Whether a stored analysis still describes its run (run-analysis.ts, run-outline.ts):
 * made from as many spans as the run has now, at the run's content version, by this
 * analyzer version.
 */
import { ANALYSIS_VERSION } from "@onset/analysis";

/** The counters a cache row carries beside the run's own. */
export interface CachedCounts {
  cachedSpanCount: number | null;
  spanCount: number;
  cachedContentVersion: number | null;
  contentVersion: number;
}

/** True when the row's analysis, made by analyzer `version`, is current. */
export function storedAnalysisIsCurrent(row: CachedCounts, version: string | null | undefined): boolean {
  return row.cachedSpanCount === row.spanCount && row.cachedContentVersion === row.contentVersion && version === ANALYSIS_VERSION;
}

/** Response shapes the run page reads (type-only: nothing here ships zod to the browser). */
import type { RunAnalysis } from "@onset/analysis";
import type { OutcomeSource, RunSummary, RunVerdict, SpanFacts, SpanRecord } from "@onset/db";

/** GET /api/v1/runs/{traceId}/analysis */
export type RunAnalysisResponse = RunAnalysis & {
  verdict: RunVerdict | null;
  outcomeSource: OutcomeSource | null;
  run: RunSummary;
  cached: boolean;
  spans: SpanFacts[];
};

/** GET, POST and DELETE /api/v1/runs/{traceId}/verdict */
export interface VerdictResponse {
  verdict: RunVerdict | null;
  outcome: RunAnalysis["outcome"];
  outcomeSource: OutcomeSource | null;
  onsetSpanId: string | null;
}

/** GET /api/v1/runs/{traceId}/spans/{spanId} */
export interface SpanResponse {
  span: SpanRecord;
}

/** Tabs of the run page, as they appear in `?tab=`. */
export const RUN_TABS = ["tree", "dag", "cost"] as const;
/** One tab of the run page. */
export type RunTab = (typeof RUN_TABS)[number];

/** Reads `?tab=`, falling back to the tree for anything unknown. */
export function parseRunTab(value: string | null): RunTab {
  return (RUN_TABS as readonly string[]).includes(value ?? "") ? (value as RunTab) : "tree";
}

/**
 * The shapes of Onset's JSON API responses the MCP tools read (docs/spec/public-api.md;
 * the route handlers in apps/web/src/app/api/v1). The analysis and diff bodies are
 * @onset/analysis's own result types, so a change there breaks this package's type check.
 */
import type { DiffResult, DiffSpanInfo, RunAnalysis } from "@onset/analysis";
import type { RunSummary, SpanRecord } from "@onset/db";

/** A run as GET /api/v1/runs and GET /api/v1/runs/{traceId} return it: the read path's own type. */
export type { RunSummary } from "@onset/db";

/** GET /api/v1/runs: one page of runs; nextCursor is null on the last page. */
export interface RunPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

/** A stored span as the JSON API returns it (content fields are untrusted agent data): the read path's own type. */
export type { SpanRecord } from "@onset/db";

/** GET /api/v1/runs/{traceId}: the run and one page of its spans in start order. */
export interface RunSpanPage {
  run: RunSummary;
  spans: SpanRecord[];
  nextCursor: string | null;
}

/** GET /api/v1/runs/{traceId}/analysis (the web app's RunAnalysisResponseSchema). */
export type RunAnalysisResponse = RunAnalysis & {
  verdict: { outcome: "failed" | "succeeded"; note: string | null; givenBy: { kind: string; id: string; name: string }; givenAt: string } | null;
  outcomeSource: "user" | "instrumentation" | "importer" | "inferred" | null;
  run: RunSummary;
  cached: boolean;
};

/** What the diff names of each span it aligned: @onset/analysis's DiffSpanInfo. */
export type { DiffSpanInfo } from "@onset/analysis";

/** GET /api/v1/diff?a&b: the pair diff with both runs and the spans it aligned. */
export type PairDiffResponse = DiffResult & {
  mode: "pair";
  runA: RunSummary;
  runB: RunSummary;
  spans: { a: Record<string, DiffSpanInfo>; b: Record<string, DiffSpanInfo> };
};

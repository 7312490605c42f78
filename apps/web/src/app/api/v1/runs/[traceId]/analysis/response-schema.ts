/**
 * Response schema of GET /api/v1/runs/{traceId}/analysis: the analysis package's
 * RunAnalysisSchema (docs/spec/public-api.md: tree, onset, chain, loops, dag, breakdown, plus the
 * hierarchy and labels) with the per-span facts the run page's tree and DAG filter read,
 * the user's verdict and where the outcome came from.
 */
import { RunAnalysisSchema } from "@onset/analysis";
import { z } from "zod";

/** Small per-span facts (model, tool, tokens, cost); content stays in the span endpoint. */
export const SpanFactsSchema = z.object({
  spanId: z.string(),
  model: z.string().nullable(),
  toolName: z.string().nullable(),
  agentName: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  costUsd: z.number().nullable(),
});

/** The run's summary as GET /runs returns it (docs/spec/public-api.md), for the page header. */
export const RunSummarySchema = z.object({
  traceId: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  durationMs: z.number(),
  spanCount: z.number(),
  errorCount: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  costUsd: z.number(),
  unpricedSpans: z.number(),
  serviceName: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  task: z.string().nullable(),
  models: z.array(z.string()),
  rootSpanId: z.string().nullable(),
  onsetSpanId: z.string().nullable(),
  loopCount: z.number(),
});

/** A user's verdict on the run (packages/db run-verdicts.ts). */
export const RunVerdictSchema = z.object({
  outcome: z.enum(["failed", "succeeded"]),
  note: z.string().nullable(),
  givenBy: z.object({ kind: z.enum(["user", "api_key"]), id: z.string(), name: z.string() }),
  givenAt: z.string(),
});

/** The whole response body. */
export const RunAnalysisResponseSchema = RunAnalysisSchema.extend({
  /** The user's verdict the analysis was computed with (it is then `outcome`), or null. */
  verdict: RunVerdictSchema.nullable(),
  /** Where `outcome` came from; null when the outcome is unknown. */
  outcomeSource: z.enum(["user", "instrumentation", "importer", "inferred"]).nullable(),
  run: RunSummarySchema,
  /** True when served from the per-run cache (span count unchanged since it was computed). */
  cached: z.boolean(),
  spans: z.array(SpanFactsSchema),
});
/** The whole response body. */
export type RunAnalysisResponse = z.infer<typeof RunAnalysisResponseSchema>;

/** Query string: `refresh=true` recomputes even when the cache is current. */
export const AnalysisQuery = z
  .object({
    refresh: z.enum(["true", "false"]).optional(),
    project: z.string().max(200).optional(),
  })
  .strict();

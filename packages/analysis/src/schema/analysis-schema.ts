/**
 * Schema of analyzeRun's result: what GET /runs/{traceId}/analysis serves
 * (docs/spec/public-api.md: tree, onset, chain, loops, dag, breakdown), plus the hierarchy,
 * steps and labels the UI and the evaluation harness read.
 */
import { z } from "zod";
import { RunBreakdownSchema } from "./breakdown-schema";
import { RunDagSchema } from "./dag-schema";
import { JudgeReportSchema } from "./judge-schema";
import { CostFindingSchema } from "./cost-finding-schema";
import { LoopFindingSchema } from "./loop-schema";
import { ChainLinkSchema, OnsetSchema, RunOutcomeSchema, StepLabelSchema, SuspectSchema } from "./onset-schema";
import { AgentSummarySchema, StageSummarySchema, StepSummarySchema } from "./step-schema";
import { SpanTreeSchema } from "./tree-schema";

/** Version tag of the result shape; bump when a cached result must be recomputed. */
export const ANALYSIS_VERSION = "analysis/8";

/** The whole analysis of one run. */
export const RunAnalysisSchema = z.object({
  version: z.literal(ANALYSIS_VERSION),
  traceId: z.string().nullable(),
  spanCount: z.number().int().nonnegative(),
  tree: SpanTreeSchema,
  agents: z.array(AgentSummarySchema),
  stages: z.array(StageSummarySchema),
  steps: z.array(StepSummarySchema),
  outcome: RunOutcomeSchema,
  labels: z.array(StepLabelSchema),
  onset: OnsetSchema.nullable(),
  /** Steps with any incorrect evidence, best score first: the onset candidates a judge may re-rank. */
  candidates: z.array(z.object({ stepId: z.string(), stepIndex: z.number().int().nonnegative(), score: z.number().min(0).max(1) })),
  chain: z.array(ChainLinkSchema),
  /**
   * Outcome unknown: the steps the signals would blame if the run failed, best first (at
   * most five), so a user knows where to look before giving a verdict. Empty otherwise.
   */
  suspects: z.array(SuspectSchema),
  loops: z.array(LoopFindingSchema),
  /** Spend that grew without progress (runaway context). */
  costFindings: z.array(CostFindingSchema),
  dag: RunDagSchema,
  breakdown: RunBreakdownSchema,
  judge: JudgeReportSchema.nullable(),
});
/** The whole analysis of one run. */
export type RunAnalysis = z.infer<typeof RunAnalysisSchema>;

/**
 * Schemas of token/cost breakdowns: per run by model, agent, tool and step, and the
 * per-project time buckets charts read.
 */
import { z } from "zod";
import { TokenTotalsSchema } from "./common-schema";

/** Totals for one key (a model, an agent, a tool). */
export const BreakdownRowSchema = z.object({
  key: z.string(),
  calls: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  tokens: TokenTotalsSchema,
  costUsd: z.number().nonnegative(),
});
/** Totals for one key. */
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

/** Totals for one step. */
export const StepBreakdownRowSchema = z.object({
  stepId: z.string(),
  stepIndex: z.number().int().nonnegative(),
  agentName: z.string(),
  tokens: TokenTotalsSchema,
  costUsd: z.number().nonnegative(),
});
/** Totals for one step. */
export type StepBreakdownRow = z.infer<typeof StepBreakdownRowSchema>;

/** Per-run breakdown (docs/spec/public-api.md `breakdown`, plus byStep and the run total). */
export const RunBreakdownSchema = z.object({
  total: BreakdownRowSchema,
  byModel: z.array(BreakdownRowSchema),
  byAgent: z.array(BreakdownRowSchema),
  byTool: z.array(BreakdownRowSchema),
  byStep: z.array(StepBreakdownRowSchema),
});
/** Per-run breakdown. */
export type RunBreakdown = z.infer<typeof RunBreakdownSchema>;

/** One row of project usage (a run or a span aggregated by the store). */
export const UsageRowSchema = z.object({
  /** Epoch ms or ISO-8601 string. */
  time: z.union([z.number(), z.string()]),
  model: z.string().nullable(),
  inputTokens: z.number().nullable().optional(),
  outputTokens: z.number().nullable().optional(),
  cacheReadTokens: z.number().nullable().optional(),
  cacheWriteTokens: z.number().nullable().optional(),
  reasoningTokens: z.number().nullable().optional(),
  costUsd: z.number().nullable().optional(),
});
/** One row of project usage. */
export type UsageRow = z.infer<typeof UsageRowSchema>;

/** One time bucket of project usage. */
export const UsageBucketSchema = z.object({
  /** Bucket start, ISO-8601. */
  start: z.string(),
  startMs: z.number(),
  total: BreakdownRowSchema,
  byModel: z.array(BreakdownRowSchema),
});
/** One time bucket of project usage. */
export type UsageBucket = z.infer<typeof UsageBucketSchema>;

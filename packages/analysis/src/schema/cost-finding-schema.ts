/**
 * Schema of cost findings: spend that grows without the run getting anywhere
 * (docs/spec/failure-onset.md §4b), reported apart from loops because nothing repeats.
 */
import { z } from "zod";

/**
 * One cost finding. `context-growth`: a stretch of an agent's decisions whose prompts kept
 * growing while little was learned (the analyzer's own). `cost-outlier`: the run cost many
 * times what comparable runs of the project cost (added by the analysis service, which
 * knows the other runs: {@link costOutlier}); stepIds are then the costliest agent's
 * decisions and the input tokens their first and largest prompt.
 */
export const CostFindingSchema = z.object({
  kind: z.enum(["context-growth", "cost-outlier"]),
  agentName: z.string(),
  /** Decision span ids of the stretch, in order. */
  stepIds: z.array(z.string()),
  /** Input tokens of the stretch's first and last decision. */
  fromInputTokens: z.number(),
  toInputTokens: z.number(),
  /** Input tokens and cost of every decision in the stretch. */
  inputTokens: z.number(),
  costUsd: z.number(),
  /** Share of the stretch's steps that learned or changed something (1 for cost-outlier: not measured). */
  progressShare: z.number().min(0).max(1),
  text: z.string(),
  /** cost-outlier only: the comparison (median cost of the other runs, how many, and the ratio). */
  baseline: z
    .object({
      medianUsd: z.number().nonnegative(),
      runs: z.number().int().positive(),
      /** What the runs have in common with this one: the same task, or only the project. */
      basis: z.enum(["task", "project"]),
      ratio: z.number().nonnegative(),
    })
    .optional(),
});
/** One cost finding. */
export type CostFinding = z.infer<typeof CostFindingSchema>;

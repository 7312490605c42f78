/**
 * Schema of cost findings: spend that grows without the run getting anywhere
 * (docs/spec/failure-onset.md §4b), reported apart from loops because nothing repeats.
 */
import { z } from "zod";

/** One stretch of an agent's decisions whose prompts kept growing while little was learned. */
export const CostFindingSchema = z.object({
  kind: z.enum(["context-growth"]),
  agentName: z.string(),
  /** Decision span ids of the stretch, in order. */
  stepIds: z.array(z.string()),
  /** Input tokens of the stretch's first and last decision. */
  fromInputTokens: z.number(),
  toInputTokens: z.number(),
  /** Input tokens and cost of every decision in the stretch. */
  inputTokens: z.number(),
  costUsd: z.number(),
  /** Share of the stretch's steps that learned or changed something. */
  progressShare: z.number().min(0).max(1),
  text: z.string(),
});
/** One cost finding. */
export type CostFinding = z.infer<typeof CostFindingSchema>;

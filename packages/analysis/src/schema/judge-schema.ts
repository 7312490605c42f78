/**
 * Schema of the optional LLM judge's report (docs/spec/failure-onset.md: "an optional LLM judge
 * for re-ranking ... with its token cost recorded; never required").
 */
import { z } from "zod";

/** What the judge did and what it cost. */
export const JudgeReportSchema = z.object({
  /** applied: the judge's pick became the onset; kept: it agreed or picked nothing usable; failed: error/timeout. */
  status: z.enum(["applied", "kept", "failed"]),
  note: z.string(),
  model: z.string(),
  /** Candidate step ids, best first, as the judge ranked them. */
  ranking: z.array(z.string()),
  explanation: z.string().nullable(),
  /** The failure category the judge named (one of JUDGE_CATEGORIES), null when it gave no usable reply. */
  category: z.string().nullable(),
  /** The step the judge picked as the onset, null when it gave no usable reply. */
  pick: z.object({ stepId: z.string(), stepIndex: z.number().int().nonnegative(), agentName: z.string() }).nullable(),
  /** The deterministic onset's step when the judge ran, null when the run had none. */
  deterministicStepId: z.string().nullable(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  latencyMs: z.number().nonnegative(),
});
/** The judge's report. */
export type JudgeReport = z.infer<typeof JudgeReportSchema>;

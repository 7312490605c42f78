/**
 * Schemas of the failure-onset result: run outcome, per-step labels, the onset and
 * its downstream chain (docs/spec/failure-onset.md; docs/spec/public-api.md `onset`, `chain`).
 */
import { z } from "zod";
import { EvidenceSchema } from "./common-schema";

/** Whether the run failed, and where that verdict came from. */
export const RunOutcomeSchema = z.object({
  status: z.enum(["failed", "succeeded", "unknown"]),
  source: z.enum(["option", "attribute", "status", "inferred", "none"]),
  reason: z.string(),
});
/** Whether the run failed. */
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

/** A step label as CodeTraceBench defines them: incorrect (wrong action) or unuseful (redundant). */
export const StepLabelSchema = z.object({
  stepId: z.string(),
  spanId: z.string(),
  stepIndex: z.number().int().nonnegative(),
  label: z.enum(["incorrect", "unuseful"]),
  /** Noisy-or of the evidence weights, in [0,1]. */
  score: z.number().min(0).max(1),
  evidence: z.array(EvidenceSchema),
});
/** A step label. */
export type StepLabel = z.infer<typeof StepLabelSchema>;

/** A step named by its primary span, its position and its agent: what the onset, a suspect and a replay point at. */
export const StepRefSchema = z.object({
  spanId: z.string(),
  stepId: z.string(),
  stepIndex: z.number().int().nonnegative(),
  /** The step's number in its source (an imported run's `onset.step.index`), when it has one. */
  sourceIndex: z.number().nullable(),
  /** The agent whose step it is. */
  agentName: z.string(),
});

/** The failure onset: the earliest incorrect step, named by its primary span (its agent is who went wrong). */
export const OnsetSchema = StepRefSchema.extend({
  /** The tool/agent spans of the onset step (what the decision did). */
  actionSpanIds: z.array(z.string()),
  evidence: z.array(EvidenceSchema),
  confidence: z.number().min(0).max(1),
});
/** The failure onset. */
export type Onset = z.infer<typeof OnsetSchema>;

/** One step of the downstream chain the onset spoiled. */
export const ChainLinkSchema = z.object({
  spanId: z.string(),
  stepId: z.string(),
  stepIndex: z.number().int().nonnegative(),
  /** The agent whose step it is. */
  agentName: z.string(),
  /** incorrect: labelled incorrect itself; affected: consumed the onset's effect. */
  relation: z.enum(["incorrect", "affected"]),
  evidence: z.array(EvidenceSchema),
});
/** One step of the downstream chain. */
export type ChainLink = z.infer<typeof ChainLinkSchema>;

/**
 * A step the signals would blame if the run failed: for a run whose outcome is unknown,
 * where to look first before saying whether it failed.
 */
export const SuspectSchema = StepRefSchema.extend({
  /** Noisy-or of the evidence weights the step would carry, in [0,1]. */
  score: z.number().min(0).max(1),
  /** That evidence, strongest first. */
  evidence: z.array(EvidenceSchema),
});
/** A suspect step of a run whose outcome is unknown. */
export type Suspect = z.infer<typeof SuspectSchema>;

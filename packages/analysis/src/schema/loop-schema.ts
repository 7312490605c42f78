/**
 * Schema of a loop/stall finding (docs/spec/design.md §4 "loops and stalls"; docs/spec/public-api.md `loops`).
 */
import { z } from "zod";
import { EvidenceSchema } from "./common-schema";

/** Kinds of loop the detector reports. */
export const LoopKindSchema = z.enum(["repeated-call", "cycle", "repeated-output", "stall"]);
/** Kinds of loop. */
export type LoopKind = z.infer<typeof LoopKindSchema>;

/** One loop or stall. */
export const LoopFindingSchema = z.object({
  /** Stable id: kind and the first span of the finding. */
  id: z.string(),
  kind: LoopKindSchema,
  /** Agent scope the loop happened in. */
  scope: z.string(),
  /** Every span of the loop, first occurrence included, in order. */
  spanIds: z.array(z.string()),
  /** The first repeat: where the loop starts wasting (docs/spec/failure-onset.md "loop onset"). */
  onsetSpanId: z.string(),
  /** Number of occurrences (calls or cycle periods or stalled events). */
  count: z.number().int().positive(),
  /** Cycle length for `cycle`, else 1. */
  period: z.number().int().positive(),
  /** What repeats, readable (tool and normalized arguments, or the repeated output). */
  signature: z.string(),
  /** Tokens of the repeats' LLM decisions (input + output). */
  wastedTokens: z.number().int().nonnegative(),
  /** Cost of the repeats: their LLM decisions and tool calls. */
  wastedCostUsd: z.number().nonnegative(),
  evidence: z.array(EvidenceSchema),
  confidence: z.number().min(0).max(1),
});
/** One loop or stall. */
export type LoopFinding = z.infer<typeof LoopFindingSchema>;

/**
 * Building blocks shared by every analysis result schema: token totals and evidence.
 * Results are plain JSON (docs/spec/design.md §4): these schemas validate what the read API serves.
 */
import { z } from "zod";

/** Token totals; unknown (null) usage counts as 0 in sums. */
export const TokenTotalsSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  cacheWrite: z.number().int().nonnegative(),
  reasoning: z.number().int().nonnegative(),
});
/** Token totals (integers). */
export type TokenTotals = z.infer<typeof TokenTotalsSchema>;

/**
 * What a piece of evidence says. Kinds follow the signals of docs/spec/failure-onset.md
 * ("error text, failing test, reverted change, repeated action" and the rest), plus
 * `conflict` (which of two disagreeing signals won, and why) and `judge`.
 */
export const EVIDENCE_KINDS = [
  "first-error",
  "unresolved-error",
  "recovered-error",
  "consumed-error",
  "verification-regression",
  "failing-check",
  "reverted-change",
  "rewritten-change",
  "blind-change",
  "unverified-change",
  "first-change",
  "submit-with-error",
  "submit-unverified",
  "repeated-action",
  "loop-onset",
  "redundant-exploration",
  "ungrounded-claim",
  "carried-claim",
  "contradicted-observation",
  "unanswered-question",
  "run-error",
  "conflict",
  "fallback",
  "judge",
] as const;

/** One evidence kind. */
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
/** One evidence kind. */
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/** One piece of evidence: what was seen, where, and how much it counts (0 = informational). */
export const EvidenceSchema = z.object({
  kind: EvidenceKindSchema,
  text: z.string(),
  spanIds: z.array(z.string()),
  weight: z.number().min(0).max(1),
});
/** One piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;

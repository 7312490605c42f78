/**
 * Zod schemas of the run-diff results; the result types are inferred from them so the
 * schema and the code cannot drift (docs/spec/design.md §5). The top-level fields dNorm,
 * firstDivergence, classification, group, counts and pairs are the public GET /diff shape
 * (docs/spec/public-api.md); everything else is Onset's extras.
 */
import { z } from "zod";
import { RUN_EVENT_TYPES } from "./event-types";
import { DIVERGENCE_TYPES } from "./pair-types";
import { MANIFESTATIONS, MANIFESTATION_GROUPS } from "./classify";

/** A difference type of an aligned pair. */
export const DivergenceTypeSchema = z.enum(DIVERGENCE_TYPES);

/** The event on one side of a pair. */
export const EventRefSchema = z
  .object({
    spanId: z.string(),
    type: z.enum(RUN_EVENT_TYPES),
    signature: z.string(),
    step: z.number(),
    agent: z.string().nullable(),
  })
  .strict();

/** B minus A for a pair (an unpaired side counts as 0); null when neither side reported it. */
export const PairDeltasSchema = z
  .object({
    tokens: z.number().nullable(),
    costUsd: z.number().nullable(),
    latencyMs: z.number().nullable(),
  })
  .strict();

/** A word- or line-level text diff. */
export const TextDiffSchema = z
  .object({
    mode: z.enum(["words", "lines"]),
    parts: z.array(z.object({ op: z.enum(["equal", "removed", "added"]), text: z.string() }).strict()),
    truncated: z.boolean(),
  })
  .strict();

/** Content differences of a pair (arguments/inputs and outputs), outside d_norm. */
export const PairAnnotationsSchema = z
  .object({
    arguments: TextDiffSchema.optional(),
    output: TextDiffSchema.optional(),
  })
  .strict();

/** One aligned position: match, substitution, insertion (B only) or deletion (A only). */
export const DiffPairSchema = z
  .object({
    index: z.number().int().nonnegative(),
    op: z.enum(["match", "substitution", "insertion", "deletion"]),
    type: DivergenceTypeSchema.nullable(),
    a: EventRefSchema.nullable(),
    b: EventRefSchema.nullable(),
    deltas: PairDeltasSchema,
    annotations: PairAnnotationsSchema.nullable(),
  })
  .strict();

/** t*: the first aligned position with a structural difference. */
export const FirstDivergenceSchema = z
  .object({
    index: z.number().int().nonnegative(),
    /** index / number of pairs, in [0, 1). */
    relative: z.number().min(0).max(1),
    step: z.number().nullable(),
    spanIdA: z.string().nullable(),
    spanIdB: z.string().nullable(),
    type: DivergenceTypeSchema,
  })
  .strict();

/**
 * Onset's addition (content-divergence.ts): where the runs first did something different
 * with the same structure (a tool call's arguments), or the decision that issued it, before t*.
 */
export const ContentDivergenceSchema = z
  .object({
    index: z.number().int().nonnegative(),
    relative: z.number().min(0).max(1),
    step: z.number().nullable(),
    spanIdA: z.string(),
    spanIdB: z.string(),
    kind: z.enum(["arguments", "decision"]),
    actionIndex: z.number().int().nonnegative(),
  })
  .strict();

/** Control-flow counts (docs/spec/run-diff.md §4). */
export const ControlFlowCountsSchema = z
  .object({
    reroutes: z.number().int().nonnegative(),
    extraRoutingCycles: z.number().int().nonnegative(),
    missingRoutingCycles: z.number().int().nonnegative(),
    toolCallsAdded: z.number().int().nonnegative(),
    toolCallsRemoved: z.number().int().nonnegative(),
    toolFailuresIntroduced: z.number().int().nonnegative(),
    toolFailuresAvoided: z.number().int().nonnegative(),
    toolStateChanges: z.number().int().nonnegative(),
    earlyTermination: z.boolean(),
    extendedExecution: z.boolean(),
    totalChanges: z.number().int().nonnegative(),
  })
  .strict();

/** The optimal edit script's decomposition. */
export const EditSummarySchema = z
  .object({
    distance: z.number().int().nonnegative(),
    substitutions: z.number().int().nonnegative(),
    insertions: z.number().int().nonnegative(),
    deletions: z.number().int().nonnegative(),
    lengthA: z.number().int().nonnegative(),
    lengthB: z.number().int().nonnegative(),
  })
  .strict();

/** The same measure on a sub-sequence of events. */
export const DimensionScoreSchema = z
  .object({
    dNorm: z.number().min(0).max(1),
    distance: z.number().int().nonnegative(),
    lengthA: z.number().int().nonnegative(),
    lengthB: z.number().int().nonnegative(),
  })
  .strict();

/** Facts about one run of the pair. */
export const RunSummarySchema = z
  .object({
    events: z.number().int().nonnegative(),
    steps: z.number().int().nonnegative(),
    routingTurns: z.number().int().nonnegative(),
    toolCalls: z.number().int().nonnegative(),
    answer: z.string().nullable(),
    tokens: z.number().nullable(),
    costUsd: z.number().nullable(),
    durationMs: z.number().nonnegative(),
  })
  .strict();

/** Result of diffRuns / diffEvents. */
export const DiffResultSchema = z
  .object({
    dNorm: z.number().min(0).max(1),
    firstDivergence: FirstDivergenceSchema.nullable(),
    /** A content divergence before t* when the runs ended differently (Onset's addition; t* stays the method's). */
    contentDivergence: ContentDivergenceSchema.nullable(),
    classification: z.enum(MANIFESTATIONS),
    group: z.enum(MANIFESTATION_GROUPS),
    counts: ControlFlowCountsSchema,
    pairs: z.array(DiffPairSchema),
    alignment: z.enum(["edit", "step_bucketed"]),
    signature: z.enum(["current", "paper", "custom"]),
    edits: EditSummarySchema,
    dimensions: z.object({ plan: DimensionScoreSchema, tools: DimensionScoreSchema, state: DimensionScoreSchema }).strict(),
    runs: z.object({ a: RunSummarySchema, b: RunSummarySchema }).strict(),
    answerChanged: z.boolean(),
    /** tokens B / tokens A; null when A's tokens are unknown or zero. */
    tokenRatio: z.number().nonnegative().nullable(),
    noiseFloor: z.number().min(0).max(1).nullable(),
    /** dNorm <= noiseFloor; null when no noise floor was given. */
    withinNoise: z.boolean().nullable(),
  })
  .strict();

/** Result of diffAgainstGroup. */
export const GroupDiffResultSchema = z
  .object({
    baselines: z.array(
      z.object({ index: z.number().int().nonnegative(), traceId: z.string().nullable(), dNorm: z.number().min(0).max(1) }).strict(),
    ),
    closestIndex: z.number().int().nonnegative(),
    /** The candidate diffed against its closest baseline (A = baseline, B = candidate). */
    closest: DiffResultSchema,
    baselinePairs: z.array(
      z.object({ a: z.number().int().nonnegative(), b: z.number().int().nonnegative(), dNorm: z.number().min(0).max(1) }).strict(),
    ),
    /** Largest d_norm among the baselines pairwise; null with fewer than two baselines. */
    noiseFloor: z.number().min(0).max(1).nullable(),
    withinNoise: z.boolean().nullable(),
  })
  .strict();

/** An aligned pair. */
export type DiffPair = z.infer<typeof DiffPairSchema>;
/** t* and where it is. */
export type FirstDivergence = z.infer<typeof FirstDivergenceSchema>;
/** Control-flow counts. */
export type ControlFlowCounts = z.infer<typeof ControlFlowCountsSchema>;
/** A pair's content differences. */
export type PairAnnotations = z.infer<typeof PairAnnotationsSchema>;
/** Result of diffRuns / diffEvents. */
export type DiffResult = z.infer<typeof DiffResultSchema>;
/** Result of diffAgainstGroup. */
export type GroupDiffResult = z.infer<typeof GroupDiffResultSchema>;
/** One run's summary inside a DiffResult. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/**
 * What the diff API names of each span a pair points at (GET /diff's `spans`, read by
 * the diff page and the MCP diff tool); names and content stay untrusted text.
 */
export interface DiffSpanInfo {
  spanId: string;
  name: string;
  type: string;
  status: string;
  startTime: string;
  durationMs: number;
  model: string | null;
  toolName: string | null;
  agentName: string | null;
}
/** A per-dimension score. */
export type DimensionScore = z.infer<typeof DimensionScoreSchema>;

// Public surface of the run diff (docs/spec/run-diff.md): named exports only.
export { diffRuns, diffEvents, DIMENSIONS } from "./diff-runs";
export type { DiffOptions } from "./diff-runs";
export { diffAgainstGroup } from "./group";
export { extractRunEvents } from "./events";
export { RUN_EVENT_TYPES } from "./event-types";
export type { RunEvent, RunEventType, RunEventBase, RunEventPayloads, RunEventOf, EventMetrics } from "./event-types";
export { structuralSignature, paperSignature, SIGNATURE_VARIANTS, resolveSignature } from "./signatures";
export type { SignatureFn, SignatureVariant } from "./signatures";
export { toolOperation, handoffTarget, memoryOperation } from "./span-roles";
export { encodeKeys, sequenceEditDistance, normalizedDistance } from "./edit-distance";
export { alignKeys } from "./hirschberg";
export { alignFullMatrix, OP_MATCH, OP_SUBSTITUTION, OP_INSERTION, OP_DELETION } from "./alignment-path";
export type { KeyAlignment } from "./alignment-path";
export { alignByStepBuckets } from "./step-buckets";
export { classifyPair, DIVERGENCE_TYPES } from "./pair-types";
export type { DivergenceType } from "./pair-types";
export { classifyManifestation, manifestationGroup, MANIFESTATIONS, MANIFESTATION_GROUPS } from "./classify";
export type { Manifestation, ManifestationGroup, ManifestationInput } from "./classify";
export { normalizeAnswer, answerChanged } from "./answer";
export { textDiff } from "./content-diff";
export { firstContentDivergence, decisionsDiffer, normalizedArguments } from "./content-divergence";
export type { ContentDivergence } from "./content-divergence";
export type { TextDiff, TextDiffPart } from "./content-diff";
export {
  DiffResultSchema,
  GroupDiffResultSchema,
  DiffPairSchema,
  FirstDivergenceSchema,
  ContentDivergenceSchema,
  ControlFlowCountsSchema,
  EventRefSchema,
  TextDiffSchema,
} from "./schemas";
export type {
  DiffResult,
  GroupDiffResult,
  DiffPair,
  FirstDivergence,
  ControlFlowCounts,
  PairAnnotations,
  RunSummary,
  DimensionScore,
  DiffSpanInfo,
} from "./schemas";

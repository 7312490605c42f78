// Public surface of @onset/analysis: pure, deterministic functions over normalized spans.

// The one entry point and its result.
export { analyzeRun } from "./analyze-run";
export type { AnalyzeOptions } from "./analyze-run";
export { ANALYSIS_VERSION, RunAnalysisSchema } from "./schema/analysis-schema";
export type { RunAnalysis } from "./schema/analysis-schema";

// Trace tree and the run > agent > stage > step hierarchy.
export { buildTree } from "./tree/build-tree";
export type { TreeSpan } from "./tree/span-index";
export { RUN_ROOT_ID, SpanTreeSchema, SpanTreeNodeSchema } from "./schema/tree-schema";
export type { SpanTree, SpanTreeNode } from "./schema/tree-schema";
export { buildHierarchy } from "./steps/run-model";
export {
  ActionSchema,
  AgentSummarySchema,
  CheckResultSchema,
  StageSummarySchema,
  StateTransitionSchema,
  StepSummarySchema,
} from "./schema/step-schema";
export type {
  Action,
  ActionError,
  ActionKind,
  AgentSummary,
  CheckKind,
  CheckResult,
  ErrorCategory,
  StageSummary,
  StateTransition,
  StepRole,
  StepSummary,
} from "./schema/step-schema";
export { classifyCommand } from "./actions/classify-command";
export type { CommandFacts } from "./actions/classify-command";
export { classifyToolCall } from "./actions/classify-tool";
export type { ToolFacts } from "./actions/classify-tool";

// Failure onset.
export { findOnset } from "./onset/find-onset";
export type { OnsetOptions, OnsetResult } from "./onset/localize-onset";
export { RUN_OUTCOME_ATTRIBUTE } from "./onset/run-outcome";
export { ChainLinkSchema, OnsetSchema, RunOutcomeSchema, StepLabelSchema, SuspectSchema } from "./schema/onset-schema";
export type { ChainLink, Onset, RunOutcome, StepLabel, Suspect } from "./schema/onset-schema";
export { EVIDENCE_KINDS, EvidenceSchema, TokenTotalsSchema } from "./schema/common-schema";
export type { Evidence, EvidenceKind, TokenTotals } from "./schema/common-schema";

// Failure modes across runs.
export { failureSignature, normalizeErrorText } from "./failure-modes/failure-signature";
export type { FailureSignature } from "./failure-modes/failure-signature";
// Optional LLM judge.
export { judgeOnset } from "./judge/judge-onset";
export { JudgeConfigSchema } from "./judge/judge-config";
export { JUDGE_CATEGORIES } from "./judge/judge-prompt";
export type { FetchLike, JudgeConfig, JudgeConfigInput } from "./judge/judge-config";
export { JudgeReportSchema } from "./schema/judge-schema";
export type { JudgeReport } from "./schema/judge-schema";

// Loops and stalls (streaming detector and batch wrapper).
export { createLoopDetector } from "./loops/loop-detector";
export type { LoopDetector, LoopDetectorOptions, LoopUpdate } from "./loops/loop-detector";
export { detectLoops } from "./loops/detect-loops";
export type { LoopOptions } from "./loops/loop-core";
export { LoopFindingSchema } from "./schema/loop-schema";
export type { CostFinding } from "./schema/cost-finding-schema";
export { CostFindingSchema } from "./schema/cost-finding-schema";
export { costOutlier, OUTLIER_MIN_RUNS, OUTLIER_MIN_USD, OUTLIER_RATIO, type CostBaseline } from "./breakdown/cost-outlier";
export type { LoopFinding, LoopKind } from "./schema/loop-schema";

// DAG and cost breakdowns.
export { buildDag } from "./dag/build-dag";
export { DagEdgeSchema, DagNodeSchema, RunDagSchema } from "./schema/dag-schema";
export type { DagEdge, DagNode, RunDag } from "./schema/dag-schema";
export { buildBreakdown } from "./breakdown/run-breakdown";
export { bucketUsage } from "./breakdown/usage-buckets";
export type { BucketOptions } from "./breakdown/usage-buckets";
export {
  BreakdownRowSchema,
  RunBreakdownSchema,
  StepBreakdownRowSchema,
  UsageBucketSchema,
  UsageRowSchema,
} from "./schema/breakdown-schema";
export type { BreakdownRow, RunBreakdown, StepBreakdownRow, UsageBucket, UsageRow } from "./schema/breakdown-schema";

// Evaluation (CodeTraceBench metric).
export { scoreRuns, stepScore } from "./evaluation/codetrace-metric";
export type { MetricSummary, ScoredRun, StepScore } from "./evaluation/codetrace-metric";

// Run diff (src/diff/, owned separately).
export { diffRuns, diffEvents, DIMENSIONS, diffAgainstGroup, extractRunEvents, RUN_EVENT_TYPES, structuralSignature, paperSignature, SIGNATURE_VARIANTS, resolveSignature, toolOperation, handoffTarget, memoryOperation, encodeKeys, sequenceEditDistance, normalizedDistance, alignKeys, alignFullMatrix, OP_MATCH, OP_SUBSTITUTION, OP_INSERTION, OP_DELETION, alignByStepBuckets, classifyPair, DIVERGENCE_TYPES, classifyManifestation, manifestationGroup, MANIFESTATIONS, MANIFESTATION_GROUPS, normalizeAnswer, answerChanged, textDiff, DiffResultSchema, GroupDiffResultSchema, DiffPairSchema, FirstDivergenceSchema, ControlFlowCountsSchema, EventRefSchema, TextDiffSchema, type DiffOptions, type RunEvent, type RunEventType, type RunEventBase, type RunEventPayloads, type RunEventOf, type EventMetrics, type SignatureFn, type SignatureVariant, type KeyAlignment, type DivergenceType, type Manifestation, type ManifestationGroup, type ManifestationInput, type TextDiff, type TextDiffPart, type DiffResult, type DiffSpanInfo, type GroupDiffResult, type DiffPair, type FirstDivergence, type ControlFlowCounts, type PairAnnotations, type RunSummary, type DimensionScore } from "./diff/index";

// Replay from before the onset (issue 18): the conversation up to the onset step in OpenAI
// chat format, the tools, model and parameters, and a diagnosis message to inject.
/** buildReplayBundle(spans, analysis): the replay bundle of an analyzed run, or null when it has no onset. */
export { buildReplayBundle } from "./replay/build-replay-bundle";
export { OpenAIChatMessageSchema, OpenAIToolSchema, REPLAY_VERSION, ReplayBundleSchema } from "./schema/replay-schema";
export type { OpenAIChatMessage, OpenAITool, ReplayBundle } from "./schema/replay-schema";

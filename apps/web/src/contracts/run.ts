/**
 * Contracts of one run's endpoints, /api/v1/runs/{traceId}/…: its spans a page at a time,
 * one span in full, its analysis, the user's verdict, runs to compare it with, and its
 * replay bundle. The analysis answer is the analysis package's RunAnalysisSchema plus the
 * per-span facts the run page's tree and DAG filter read, the verdict and where the
 * outcome came from.
 */
import { ActionSchema, RunAnalysisSchema, RunBreakdownSchema, RunOutcomeSchema, SpanTreeSchema, StageSummarySchema, StepSummarySchema } from "@onset/analysis";
import type { PageStage as ServicePageStage, PageStep as ServicePageStep } from "@onset/analysis-service";
import type { EncodedOutline } from "@onset/analysis-service/outline-codec";
import { MAX_SPAN_PAGE, MAX_VERDICT_NOTE, VERDICT_OUTCOMES } from "@onset/db";
import type { Attributes, SpanContent, SpanError, SpanEvent, ToolInvocation } from "@onset/otlp";
import { z } from "zod";
import { TraceIdParam, TraceParams } from "@/lib/id-params";
import { jsonObject, limitField, ProjectOnlyQuery, querySchema, type Endpoint, type ResponseOf } from "./endpoint";
import { RunSummarySchema } from "./runs";

/** `{traceId}` in the path. */
/** Path params of a route under /runs/{traceId} (lib/id-params.ts: browser code imports it from there, not through this module, which reads @onset/db constants). */
export { TraceParams };

/** A span id: 16 hex characters (uppercase accepted and folded). */
export const SpanIdParam = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{16}$/, "span id must be 16 hex characters"));

/** A span in full (content, tool call, attributes, events stay untrusted text). */
export const SpanRecordSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  kind: z.number(),
  type: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  durationMs: z.number(),
  status: z.string(),
  statusMessage: z.string().nullable(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  cacheReadTokens: z.number().nullable(),
  cacheWriteTokens: z.number().nullable(),
  reasoningTokens: z.number().nullable(),
  costUsd: z.number().nullable(),
  costSource: z.string().nullable(),
  toolName: z.string().nullable(),
  agentName: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  conversationId: z.string().nullable(),
  mapper: z.string(),
  serviceName: z.string().nullable(),
  scopeName: z.string().nullable(),
  scopeVersion: z.string().nullable(),
  input: jsonObject<SpanContent>().nullable(),
  output: jsonObject<SpanContent>().nullable(),
  tool: jsonObject<ToolInvocation>().nullable(),
  error: jsonObject<SpanError>().nullable(),
  attributes: jsonObject<Attributes>(),
  events: z.array(jsonObject<SpanEvent>()),
  resource: jsonObject<Attributes>(),
});
/** A span as JSON carries it. */
export type SpanRecord = z.infer<typeof SpanRecordSchema>;

/** GET /api/v1/runs/{traceId}?limit=1..1000&cursor=: the summary and a page of spans in start order. */
export const runPageEndpoint = {
  params: TraceParams,
  query: querySchema({ limit: limitField(MAX_SPAN_PAGE), cursor: z.string().max(500).optional() }),
  response: z.object({ run: RunSummarySchema, spans: z.array(SpanRecordSchema), nextCursor: z.string().nullable() }),
} satisfies Endpoint;

/** GET /api/v1/runs/{traceId}/spans/{spanId}: one span in full. */
export const spanEndpoint = {
  params: z.object({ traceId: TraceIdParam, spanId: SpanIdParam }),
  response: z.object({ span: SpanRecordSchema }),
} satisfies Endpoint;

/** GET /api/v1/runs/{traceId}/search?q=: spans whose name, input, output, tool call or error contain the text. */
export const searchEndpoint = {
  params: TraceParams,
  query: querySchema({ q: z.string().trim().min(1, "q must not be empty").max(200, "q is at most 200 characters") }),
  response: z.object({ spanIds: z.array(z.string()), truncated: z.boolean() }),
} satisfies Endpoint;

/** A user's verdict on the run (packages/db run-verdicts.ts). */
export const RunVerdictSchema = z.object({
  outcome: z.enum(VERDICT_OUTCOMES),
  note: z.string().nullable(),
  givenBy: z.object({ kind: z.enum(["user", "api_key"]), id: z.string(), name: z.string() }),
  givenAt: z.string(),
});

/** Where a run's outcome came from; null when it is unknown. */
export const OutcomeSourceSchema = z.enum(["user", "instrumentation", "importer", "inferred"]).nullable();

/** Answer of every verdict method: the verdict (null when none), the outcome and its source, the onset. */
const VerdictAnswer = z.object({
  verdict: RunVerdictSchema.nullable(),
  outcome: RunOutcomeSchema,
  outcomeSource: OutcomeSourceSchema,
  onsetSpanId: z.string().nullable(),
});

/** GET and DELETE /api/v1/runs/{traceId}/verdict. */
export const verdictEndpoint = { params: TraceParams, query: ProjectOnlyQuery, response: VerdictAnswer } satisfies Endpoint;

/** POST /api/v1/runs/{traceId}/verdict {outcome, note?}: replaces any earlier verdict. */
export const giveVerdictEndpoint = {
  ...verdictEndpoint,
  body: z.object({ outcome: z.enum(VERDICT_OUTCOMES), note: z.string().max(MAX_VERDICT_NOTE).optional() }).strict(),
} satisfies Endpoint;

/** Small per-span facts (model, tool, tokens, cost); content stays in the span endpoint. */
export const SpanFactsSchema = z.object({
  spanId: z.string(),
  model: z.string().nullable(),
  toolName: z.string().nullable(),
  agentName: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  costUsd: z.number().nullable(),
});

/** The analysis answer: checked in production too (a mismatch is the analyzer's bug: 500). */
export const RunAnalysisResponseSchema = RunAnalysisSchema.extend({
  /** The user's verdict the analysis was computed with (it is then `outcome`), or null. */
  verdict: RunVerdictSchema.nullable(),
  /** Where `outcome` came from; null when the outcome is unknown. */
  outcomeSource: OutcomeSourceSchema,
  run: RunSummarySchema,
  /** True when served from the per-run cache (span count unchanged since it was computed). */
  cached: z.boolean(),
  spans: z.array(SpanFactsSchema),
});

/** GET /api/v1/runs/{traceId}/analysis[?refresh=true]: cached per run while its span count and verdict hold. */
export const analysisEndpoint = {
  params: TraceParams,
  query: querySchema({ refresh: z.enum(["true", "false"]).optional() }),
  response: RunAnalysisResponseSchema,
} satisfies Endpoint;

const index = z.number().int().gte(-1);
const optionalNumber = z.number().nullable();

const rowList = z.array(z.number().int().nonnegative());

/** The analysis' step and stage grouping in columns (packages/analysis-service outline-codec.ts): strings as indexes, spans as tree rows. */
const EncodedGroupsSchema = z.object({
  agents: z.object({ id: rowList, stageIndexes: z.array(rowList) }),
  stages: z.object({ index: rowList, agentId: rowList, kind: rowList, backtrack: z.array(z.union([z.literal(0), z.literal(1)])) }),
  steps: z.object({
    row: rowList,
    index: rowList,
    role: rowList,
    stageIndex: rowList,
    llm: z.array(index),
    actions: z.array(rowList),
    rows: z.array(rowList),
  }),
});

/** The span tree and facts in columns (packages/analysis-service outline-codec.ts), with the stored analysis' grouping when there is one. */
const EncodedOutlineSchema = z.object({
  root: z.object({ name: z.string(), status: z.enum(["unset", "ok", "error"]), startTimeMs: z.number(), endTimeMs: z.number() }),
  counts: SpanTreeSchema.omit({ root: true }),
  strings: z.array(z.string()),
  spans: z.object({
    spanId: z.array(z.string()),
    parent: z.array(index),
    detachedParents: z.record(z.string(), z.string()),
    name: z.array(index),
    type: z.array(index),
    status: z.array(index),
    start: z.array(z.number()),
    duration: z.array(z.number()),
    flags: z.array(z.number().int()),
    model: z.array(index),
    toolName: z.array(index),
    agentName: z.array(index),
    inputTokens: z.array(optionalNumber),
    outputTokens: z.array(optionalNumber),
    costUsd: z.array(optionalNumber),
  }),
  groups: EncodedGroupsSchema.optional(),
}) satisfies z.ZodType<EncodedOutline>;

/**
 * GET /api/v1/runs/{traceId}/outline: the run's summary and its span tree with each
 * span's facts, in columns (packages/analysis-service outline-codec.ts), and the step and
 * stage grouping when the run's analysis is stored; no content and nothing analyzed (the
 * run page's first read).
 */
export const outlineEndpoint = {
  params: TraceParams,
  query: ProjectOnlyQuery,
  response: z.object({ run: RunSummarySchema, outline: EncodedOutlineSchema }),
} satisfies Endpoint;

/**
 * A step as the run page reads it (`PageStep` of packages/analysis-service
 * diagnosis-part.ts): its grouping, and of each action its span, tool, kind, ok and check;
 * no transition, tokens, times, cost, commands, paths or error texts (`/analysis` has them).
 */
export const PageStepSchema = StepSummarySchema.pick({ id: true, index: true, role: true, stageIndex: true, llmSpanId: true, spanIds: true }).extend({
  actions: z.array(ActionSchema.pick({ spanId: true, tool: true, kind: true, ok: true, check: true })),
}) satisfies z.ZodType<ServicePageStep>;

/** A stage as the run page reads it (`PageStage` of packages/analysis-service): what the tree groups by. */
export const PageStageSchema = StageSummarySchema.pick({ index: true, agentId: true, kind: true, backtrack: true }) satisfies z.ZodType<ServicePageStage>;

/**
 * What the run page draws of the analysis: the analysis answer without the span tree and
 * span facts (the outline has them) and the cost breakdown (the Cost tab reads it), each
 * step and stage trimmed to what the page reads ({@link PageStepSchema}, {@link PageStageSchema}).
 */
export const DiagnosisResponseSchema = RunAnalysisResponseSchema.omit({ tree: true, spans: true, breakdown: true }).extend({
  stages: z.array(PageStageSchema),
  steps: z.array(PageStepSchema),
});

/** GET /api/v1/runs/{traceId}/diagnosis: the run page's part of the analysis (computed and cached like /analysis). */
export const diagnosisEndpoint = { params: TraceParams, query: ProjectOnlyQuery, response: DiagnosisResponseSchema } satisfies Endpoint;

/** GET /api/v1/runs/{traceId}/breakdown: the analysis' cost and token breakdown (the run page's Cost tab). */
export const breakdownEndpoint = {
  params: TraceParams,
  query: ProjectOnlyQuery,
  response: z.object({ breakdown: RunBreakdownSchema }),
} satisfies Endpoint;

/** GET /api/v1/runs/{traceId}/candidates?limit&status: runs to compare this one with (same task or root name). */
export const candidatesEndpoint = {
  params: TraceParams,
  query: querySchema({ limit: limitField(200), status: z.enum(["ok", "error", "unset"]).optional() }),
  response: z.object({
    run: RunSummarySchema,
    candidates: z.array(z.object({ run: RunSummarySchema, matchedBy: z.enum(["task", "name"]) })),
  }),
} satisfies Endpoint;

/** GET /api/v1/runs/{traceId}/replay[?download=1]: the replay bundle (docs/spec/public-api.md). */
export const replayEndpoint = {
  params: TraceParams,
  query: z.object({ download: z.enum(["0", "1"]).optional() }).strict(),
} satisfies Endpoint;

const ReplayRunSchema = z.object({ traceId: z.string(), name: z.string().nullable(), status: z.string(), startTime: z.string(), costUsd: z.number() });

/** GET /runs/{traceId}/replays: the run it replays (`onset.replay.of`) and the runs that replay it. */
export const replaysEndpoint = {
  params: TraceParams,
  query: ProjectOnlyQuery,
  response: z.object({
    replayOf: z.object({ traceId: z.string(), run: ReplayRunSchema.nullable() }).nullable(),
    replays: z.array(ReplayRunSchema),
  }),
} satisfies Endpoint;

/** Answer of GET /runs/{traceId}/replays. */
export type ReplayLinksResponse = ResponseOf<typeof replaysEndpoint>;

/** Answer of GET /runs/{traceId}. */
export type RunSpanPage = ResponseOf<typeof runPageEndpoint>;
/** Answer of GET /runs/{traceId}/search. */
export type SearchResponse = ResponseOf<typeof searchEndpoint>;
/** Answer of GET /runs/{traceId}/spans/{spanId}. */
export type SpanResponse = ResponseOf<typeof spanEndpoint>;
/** Answer of every verdict method. */
export type VerdictResponse = ResponseOf<typeof verdictEndpoint>;
/** Answer of GET /runs/{traceId}/analysis. */
export type RunAnalysisResponse = ResponseOf<typeof analysisEndpoint>;
/** Answer of GET /runs/{traceId}/outline. */
export type OutlineResponse = ResponseOf<typeof outlineEndpoint>;
/** Answer of GET /runs/{traceId}/diagnosis. */
export type DiagnosisResponse = ResponseOf<typeof diagnosisEndpoint>;
/** A step of the diagnosis answer. */
export type PageStep = z.infer<typeof PageStepSchema>;
/** Answer of GET /runs/{traceId}/breakdown. */
export type BreakdownResponse = ResponseOf<typeof breakdownEndpoint>;
/** Answer of GET /runs/{traceId}/candidates. */
export type CandidatesResponse = ResponseOf<typeof candidatesEndpoint>;

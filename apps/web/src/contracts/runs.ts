/**
 * Contract of GET /api/v1/runs: the runs list's filters, sorts and paging, and the run
 * summary every run endpoint answers with. The list page's URL keys (lib/run-list-filters.ts)
 * are this contract's filter keys. Zod and types only: the browser imports it.
 */
import type { RUN_SORTS } from "@onset/db";
import { z } from "zod";
import { limitField, querySchema, type Endpoint, type ResponseOf } from "./endpoint";

/** Most runs one page answers. */
export const MAX_RUNS_PAGE = 500;

/** Sort orders of the list (the repository's RUN_SORTS keys; a test keeps them equal). */
export const RUN_SORT_KEYS = ["startTime", "costUsd", "durationMs", "tokens", "errorCount"] as const satisfies readonly (keyof typeof RUN_SORTS)[];

const num = z.coerce.number().finite();
const date = z.coerce.date();
const bool = z.enum(["true", "false"]).transform((v) => v === "true");
const text = z.string().max(200);

/** The list's filters and its sort, as URL keys, in the order the API documents them. */
export const runFilterShape = {
  q: text.optional(),
  status: z.enum(["ok", "error", "unset"]).optional(),
  from: date.optional(),
  to: date.optional(),
  model: text.optional(),
  service: text.optional(),
  session: text.optional(),
  user: text.optional(),
  task: text.optional(),
  minCost: num.optional(),
  maxCost: num.optional(),
  minTokens: num.optional(),
  maxTokens: num.optional(),
  minDurationMs: num.optional(),
  maxDurationMs: num.optional(),
  hasOnset: bool.optional(),
  hasLoops: bool.optional(),
  sort: z.enum(RUN_SORT_KEYS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
};

/** One filter (or sort) key of the runs list. */
export type RunFilterKey = keyof typeof runFilterShape;

/** The filter keys, in documentation order: the list page keeps exactly these in its URL. */
export const RUN_FILTER_KEYS = Object.keys(runFilterShape) as RunFilterKey[];

/** A run as every run endpoint summarizes it. */
export const RunSummarySchema = z.object({
  traceId: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  durationMs: z.number(),
  spanCount: z.number(),
  errorCount: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  costUsd: z.number(),
  unpricedSpans: z.number(),
  /** LLM spans that reported no usage: with any, the token and cost totals are lower bounds; with no usage at all, unknown. */
  llmSpansWithoutUsage: z.number(),
  serviceName: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  task: z.string().nullable(),
  models: z.array(z.string()),
  rootSpanId: z.string().nullable(),
  onsetSpanId: z.string().nullable(),
  loopCount: z.number(),
  /** Cost findings of the run's last analysis (runaway cost, context growth): the list's cost badge. */
  costFindingCount: z.number(),
});
/** A run summary as JSON carries it. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** What the runs list shows of a run's content (span text, cut short, one line). */
export const RunPreviewSchema = z.object({ input: z.string().nullable(), output: z.string().nullable(), error: z.string().nullable() });

/** A run as the runs list shows it: its summary and a preview of its content. */
export const RunListItemSchema = RunSummarySchema.extend({ preview: RunPreviewSchema });
/** A runs-list item as JSON carries it. */
export type RunListItem = z.infer<typeof RunListItemSchema>;

/** GET /api/v1/runs: filtered, sorted, cursor-paginated (limit 1-500, default 50). */
export const listRunsEndpoint = {
  query: querySchema({ limit: limitField(MAX_RUNS_PAGE), cursor: z.string().max(1000).optional(), ...runFilterShape }),
  response: z.object({ runs: z.array(RunListItemSchema), nextCursor: z.string().nullable() }),
} satisfies Endpoint;

/** Answer of GET /api/v1/runs. */
export type RunPage = ResponseOf<typeof listRunsEndpoint>;

/**
 * Contracts of the LLM judge and replay webhook endpoints (issue 18;
 * docs/judge-and-failure-modes.md): the project's judge settings (the key write-only), a
 * run's judge report, the project's replay webhook and sending a run's bundle to it.
 */
import { JudgeReportSchema } from "@onset/analysis";
import { z } from "zod";
import { ProjectOnlyQuery, Timestamp, type Endpoint, type ResponseOf } from "./endpoint";
import { TraceParams } from "@/lib/id-params";

/** When the judge runs (packages/db JUDGE_MODES). */
export const JudgeModeSchema = z.enum(["off", "on_demand", "failed_runs"]);

/** When the judge runs. */
export type JudgeMode = z.output<typeof JudgeModeSchema>;

/** GET/POST /api/v1/runs/{traceId}/judge. */
export const runJudgeEndpoint = {
  params: TraceParams,
  query: ProjectOnlyQuery,
  response: z.object({
    judgement: z.object({ report: JudgeReportSchema, spanCount: z.number().int(), judgedAt: Timestamp }).nullable(),
    mode: JudgeModeSchema,
  }),
} satisfies Endpoint;

/** Answer of GET/POST /api/v1/runs/{traceId}/judge. */
export type RunJudgeResponse = ResponseOf<typeof runJudgeEndpoint>;

/** The project's judge settings as the API shows them: the key only as `hasApiKey`. */
const JudgeSettingsSchema = z.object({
  judge: z.object({
    mode: JudgeModeSchema,
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    hasApiKey: z.boolean(),
    inputUsdPerMTok: z.number(),
    outputUsdPerMTok: z.number(),
    timeoutMs: z.number().int(),
    promptTokenBudget: z.number().int(),
  }),
  secretKeyConfigured: z.boolean(),
});

/** GET /api/v1/settings/judge. */
export const judgeSettingsEndpoint = { query: ProjectOnlyQuery, response: JudgeSettingsSchema } satisfies Endpoint;

/** Answer of GET/PATCH /api/v1/settings/judge. */
export type JudgeSettingsResponse = ResponseOf<typeof judgeSettingsEndpoint>;

/** PATCH /api/v1/settings/judge: any of the settings; `apiKey: null` removes the stored key. */
export const changeJudgeSettingsEndpoint = {
  query: ProjectOnlyQuery,
  body: z
    .object({
      mode: JudgeModeSchema.optional(),
      baseUrl: z
        .string()
        .max(2000)
        .url()
        .refine((u) => /^https?:\/\//i.test(u), "the base URL must be http(s)")
        .nullable()
        .optional(),
      model: z.string().trim().min(1).max(200).nullable().optional(),
      apiKey: z.string().min(1).max(1000).nullable().optional(),
      inputUsdPerMTok: z.number().nonnegative().max(10_000).optional(),
      outputUsdPerMTok: z.number().nonnegative().max(10_000).optional(),
      timeoutMs: z.number().int().min(1000).max(120_000).optional(),
      promptTokenBudget: z.number().int().min(500).max(1_000_000).optional(),
    })
    .strict(),
  response: JudgeSettingsSchema,
} satisfies Endpoint;

const ReplayWebhookSchema = z.object({ url: z.string().nullable(), hasSecret: z.boolean() });

/** GET /api/v1/settings/replay-webhook: the project's replay webhook (no secret). */
export const replayWebhookEndpoint = { query: ProjectOnlyQuery, response: z.object({ replayWebhook: ReplayWebhookSchema }) } satisfies Endpoint;

/**
 * PATCH /api/v1/settings/replay-webhook: sets it (`url`, with `secret` or, when absent, a
 * generated one shown once as `secret` in the answer) or removes it (`url: null`).
 */
export const setReplayWebhookEndpoint = {
  query: ProjectOnlyQuery,
  body: z
    .object({
      url: z.string().max(2000).url().refine((u) => /^https?:\/\//i.test(u), "the webhook URL must be http(s)").nullable(),
      secret: z.string().min(16).max(200).optional(),
    })
    .strict(),
  response: z.object({ replayWebhook: ReplayWebhookSchema, secret: z.string().nullable() }),
} satisfies Endpoint;

/** POST /api/v1/runs/{traceId}/replay/send: the run's bundle sent to the replay webhook, and what the receiver answered. */
export const sendReplayEndpoint = {
  params: TraceParams,
  query: ProjectOnlyQuery,
  response: z.object({ delivered: z.boolean(), statusCode: z.number().int().nullable(), error: z.string().nullable() }),
} satisfies Endpoint;

/** Answer of GET /api/v1/settings/replay-webhook. */
export type ReplayWebhookResponse = ResponseOf<typeof replayWebhookEndpoint>;
/** Answer of POST /api/v1/runs/{traceId}/replay/send. */
export type SendReplayResponse = ResponseOf<typeof sendReplayEndpoint>;

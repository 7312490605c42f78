/**
 * Contracts of the LLM judge endpoints (issue 18; docs/judge-and-failure-modes.md): the
 * project's judge settings (the key write-only) and a run's judge report.
 */
import { z } from "zod";
import { ProjectOnlyQuery, type Endpoint } from "./endpoint";
import { TraceParams } from "./run";

/** When the judge runs (packages/db JUDGE_MODES). */
export const JudgeModeSchema = z.enum(["off", "on_demand", "failed_runs"]);

/** GET/POST /api/v1/runs/{traceId}/judge. */
export const runJudgeEndpoint = { params: TraceParams, query: ProjectOnlyQuery } satisfies Endpoint;

/** GET /api/v1/settings/judge. */
export const judgeSettingsEndpoint = { query: ProjectOnlyQuery } satisfies Endpoint;

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
} satisfies Endpoint;

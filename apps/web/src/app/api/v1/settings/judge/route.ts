import { JUDGE_MODES } from "@onset/db";
import { z } from "zod";
import { apiRoute } from "@/server/route";
import { changeJudgeSettings, readJudgeSettings } from "./judge-settings-service";

export const dynamic = "force-dynamic";

/** Body of PATCH: any of the judge settings; `apiKey: null` removes the stored key. */
const JudgePatch = z
  .object({
    mode: z.enum(JUDGE_MODES).optional(),
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
  .strict();

/**
 * GET /api/v1/settings/judge: the project's LLM judge settings (`{judge, secretKeyConfigured}`);
 * the key is never returned, only `hasApiKey`.
 */
export const GET = apiRoute(async ({ principal }) => readJudgeSettings(principal.projectId));

/**
 * PATCH /api/v1/settings/judge: changes them (admins; keys with the admin scope). A key is
 * sealed with AES-256-GCM under ONSET_SECRET_KEY; without it, 400 `secret_key_missing`.
 */
export const PATCH = apiRoute(
  async ({ req, principal }) => changeJudgeSettings(principal.projectId, JudgePatch.parse(await req.json().catch(() => null))),
  { access: "admin" },
);

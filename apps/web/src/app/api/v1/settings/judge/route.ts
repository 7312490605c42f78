import { changeJudgeSettingsEndpoint, judgeSettingsEndpoint } from "@/contracts/judge";
import { apiRoute } from "@/server/route";
import { changeJudgeSettings, readJudgeSettings } from "./judge-settings-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/settings/judge: the project's LLM judge settings (`{judge, secretKeyConfigured}`);
 * the key is never returned, only `hasApiKey`.
 */
export const GET = apiRoute(async ({ principal }) => readJudgeSettings(principal.projectId), { contract: judgeSettingsEndpoint });

/**
 * PATCH /api/v1/settings/judge: changes them (admins; keys with the admin scope). A key is
 * sealed with AES-256-GCM under ONSET_SECRET_KEY; without it, 400 `secret_key_missing`.
 */
export const PATCH = apiRoute(async ({ principal, body }) => changeJudgeSettings(principal.projectId, body), {
  access: "admin",
  contract: changeJudgeSettingsEndpoint,
});

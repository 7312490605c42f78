/**
 * The judge settings endpoints' work (issue 18): read them (never the key), change them
 * (a new key sealed under ONSET_SECRET_KEY; refused with a clear 400 when that is not
 * set), and refuse a mode other than "off" without an endpoint and a model.
 */
import { readAnalysisSettings, SECRET_KEY_ENV, SecretBoxError, secretKeyFromEnv, updateJudgeSettings, type JudgeSettingsPatch, type JudgeSettingsView } from "@onset/db";
import { ApiError } from "@/server/api-error";
import { serverContext } from "@/server/context";

/** What the judge settings endpoints answer. */
export interface JudgeSettingsResponse {
  judge: JudgeSettingsView;
  /** ONSET_SECRET_KEY is set and usable: a key can be stored. */
  secretKeyConfigured: boolean;
}

function secretKeyConfigured(): boolean {
  try {
    secretKeyFromEnv();
    return true;
  } catch {
    return false;
  }
}

/** The project's judge settings, key left out. */
export async function readJudgeSettings(projectId: string): Promise<JudgeSettingsResponse> {
  return { judge: (await readAnalysisSettings(serverContext().pool, projectId)).judge, secretKeyConfigured: secretKeyConfigured() };
}

/** Applies a change; 400 when the result would be on without an endpoint or model, or a key cannot be sealed. */
export async function changeJudgeSettings(projectId: string, patch: JudgeSettingsPatch): Promise<JudgeSettingsResponse> {
  const { pool } = serverContext();
  const current = (await readAnalysisSettings(pool, projectId)).judge;
  const next = { ...current, ...patch };
  if (next.mode !== "off" && (!next.baseUrl || !next.model)) {
    throw new ApiError(400, "judge_incomplete", "set the judge's base URL and model before turning it on");
  }
  try {
    return { judge: (await updateJudgeSettings(pool, projectId, patch)).judge, secretKeyConfigured: secretKeyConfigured() };
  } catch (err) {
    if (err instanceof SecretBoxError) {
      throw new ApiError(400, err.reason === "missing_key" ? "secret_key_missing" : "secret_key_invalid", `${err.message}. The key was not stored.`, { variable: SECRET_KEY_ENV });
    }
    throw err;
  }
}

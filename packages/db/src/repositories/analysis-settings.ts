/**
 * A project's analysis settings (issue 18): the optional LLM judge and the replay
 * webhook. The judge's API key is sealed at rest (crypto/secret-box.ts) and never leaves
 * this module except to the code that calls the judge ({@link loadJudgeSettings}); what
 * the API shows is only whether one is stored.
 */
import type { Pool } from "pg";
import { openSecret, sealSecret, secretKeyFromEnv } from "../crypto/secret-box";

/** When the judge runs: never, when someone asks, or on every failed run the background analysis finishes. */
export const JUDGE_MODES = ["off", "on_demand", "failed_runs"] as const;
/** When the judge runs. */
export type JudgeMode = (typeof JUDGE_MODES)[number];

/** The judge settings as the API shows them (no key). */
export interface JudgeSettingsView {
  mode: JudgeMode;
  baseUrl: string | null;
  model: string | null;
  /** A key is stored (it is never returned). */
  hasApiKey: boolean;
  /** USD per million tokens when the endpoint reports no cost. */
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
  timeoutMs: number;
  /** The prompt's size budget, approximate tokens. */
  promptTokenBudget: number;
}

/** The replay webhook as the API shows it (no secret). */
export interface ReplayWebhookView {
  url: string | null;
  /** A signing secret is set (it is shown once, when generated). */
  hasSecret: boolean;
}

/** A project's analysis settings as the API shows them. */
export interface AnalysisSettingsView {
  judge: JudgeSettingsView;
  replayWebhook: ReplayWebhookView;
  /** When they last changed (ISO 8601), null when never set. */
  updatedAt: string | null;
}

/** A change to the judge settings; an absent field keeps its value, `apiKey: null` removes the key. */
export interface JudgeSettingsPatch {
  mode?: JudgeMode;
  baseUrl?: string | null;
  model?: string | null;
  apiKey?: string | null;
  inputUsdPerMTok?: number;
  outputUsdPerMTok?: number;
  timeoutMs?: number;
  promptTokenBudget?: number;
}

/** What the judge needs to run, key opened. */
export interface JudgeRunSettings {
  mode: JudgeMode;
  baseUrl: string | null;
  model: string | null;
  /** The opened key, or null when none is stored. */
  apiKey: string | null;
  /** Why a stored key could not be opened (no ONSET_SECRET_KEY, another key), else null. */
  keyProblem: string | null;
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
  timeoutMs: number;
  promptTokenBudget: number;
}

interface Row {
  judge_mode: string;
  judge_base_url: string | null;
  judge_model: string | null;
  judge_api_key_sealed: string | null;
  judge_input_usd_per_mtok: number;
  judge_output_usd_per_mtok: number;
  judge_timeout_ms: number;
  judge_prompt_tokens: number;
  replay_webhook_url: string | null;
  replay_webhook_secret: string | null;
  updated_at: Date;
}

const DEFAULTS: Row = {
  judge_mode: "off",
  judge_base_url: null,
  judge_model: null,
  judge_api_key_sealed: null,
  judge_input_usd_per_mtok: 0,
  judge_output_usd_per_mtok: 0,
  judge_timeout_ms: 20_000,
  judge_prompt_tokens: 8000,
  replay_webhook_url: null,
  replay_webhook_secret: null,
  updated_at: new Date(0),
};

async function readRow(pool: Pool, projectId: string): Promise<Row | null> {
  const r = await pool.query<Row>(`SELECT * FROM project_analysis_settings WHERE project_id = $1`, [projectId]);
  return r.rows[0] ?? null;
}

function modeOf(v: string): JudgeMode {
  return (JUDGE_MODES as readonly string[]).includes(v) ? (v as JudgeMode) : "off";
}

function view(row: Row | null): AnalysisSettingsView {
  const r = row ?? DEFAULTS;
  return {
    judge: {
      mode: modeOf(r.judge_mode),
      baseUrl: r.judge_base_url,
      model: r.judge_model,
      hasApiKey: r.judge_api_key_sealed !== null,
      inputUsdPerMTok: r.judge_input_usd_per_mtok,
      outputUsdPerMTok: r.judge_output_usd_per_mtok,
      timeoutMs: r.judge_timeout_ms,
      promptTokenBudget: r.judge_prompt_tokens,
    },
    replayWebhook: { url: r.replay_webhook_url, hasSecret: r.replay_webhook_secret !== null },
    updatedAt: row ? row.updated_at.toISOString() : null,
  };
}

/** The project's analysis settings (defaults when none were set). */
export async function readAnalysisSettings(pool: Pool, projectId: string): Promise<AnalysisSettingsView> {
  return view(await readRow(pool, projectId));
}

/**
 * Applies a change to the judge settings. A new key is sealed under ONSET_SECRET_KEY;
 * throws SecretBoxError (reason "missing_key"/"bad_key") when that is missing or bad,
 * storing nothing.
 */
export async function updateJudgeSettings(pool: Pool, projectId: string, patch: JudgeSettingsPatch, env: NodeJS.ProcessEnv = process.env): Promise<AnalysisSettingsView> {
  const sealed = typeof patch.apiKey === "string" ? sealSecret(patch.apiKey, projectId, secretKeyFromEnv(env)) : patch.apiKey;
  const cur = (await readRow(pool, projectId)) ?? DEFAULTS;
  const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const r = await pool.query<Row>(
    `INSERT INTO project_analysis_settings (project_id, judge_mode, judge_base_url, judge_model, judge_api_key_sealed,
       judge_input_usd_per_mtok, judge_output_usd_per_mtok, judge_timeout_ms, judge_prompt_tokens, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     ON CONFLICT (project_id) DO UPDATE SET judge_mode = excluded.judge_mode, judge_base_url = excluded.judge_base_url,
       judge_model = excluded.judge_model, judge_api_key_sealed = excluded.judge_api_key_sealed,
       judge_input_usd_per_mtok = excluded.judge_input_usd_per_mtok, judge_output_usd_per_mtok = excluded.judge_output_usd_per_mtok,
       judge_timeout_ms = excluded.judge_timeout_ms, judge_prompt_tokens = excluded.judge_prompt_tokens, updated_at = now()
     RETURNING *`,
    [
      projectId,
      pick(patch.mode, modeOf(cur.judge_mode)),
      pick(patch.baseUrl, cur.judge_base_url),
      pick(patch.model, cur.judge_model),
      pick(sealed, cur.judge_api_key_sealed),
      pick(patch.inputUsdPerMTok, cur.judge_input_usd_per_mtok),
      pick(patch.outputUsdPerMTok, cur.judge_output_usd_per_mtok),
      pick(patch.timeoutMs, cur.judge_timeout_ms),
      pick(patch.promptTokenBudget, cur.judge_prompt_tokens),
    ],
  );
  return view(r.rows[0]!);
}

/** The judge settings with the key opened, for the code that calls the judge; a key that cannot be opened is reported, not thrown. */
export async function loadJudgeSettings(pool: Pool, projectId: string, env: NodeJS.ProcessEnv = process.env): Promise<JudgeRunSettings> {
  const r = (await readRow(pool, projectId)) ?? DEFAULTS;
  let apiKey: string | null = null;
  let keyProblem: string | null = null;
  if (r.judge_api_key_sealed !== null) {
    try {
      apiKey = openSecret(r.judge_api_key_sealed, projectId, secretKeyFromEnv(env));
    } catch (err) {
      keyProblem = (err as Error).message;
    }
  }
  return {
    mode: modeOf(r.judge_mode),
    baseUrl: r.judge_base_url,
    model: r.judge_model,
    apiKey,
    keyProblem,
    inputUsdPerMTok: r.judge_input_usd_per_mtok,
    outputUsdPerMTok: r.judge_output_usd_per_mtok,
    timeoutMs: r.judge_timeout_ms,
    promptTokenBudget: r.judge_prompt_tokens,
  };
}

/**
 * Sets or removes (`url: null`) the project's replay webhook; `secret` signs what it is
 * sent (null: unsigned). The secret is stored as alert rules store theirs (it signs,
 * it grants nothing) and never returned by the API.
 */
export async function updateReplayWebhook(pool: Pool, projectId: string, webhook: { url: string | null; secret: string | null }): Promise<AnalysisSettingsView> {
  const r = await pool.query<Row>(
    `INSERT INTO project_analysis_settings (project_id, replay_webhook_url, replay_webhook_secret, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (project_id) DO UPDATE SET replay_webhook_url = excluded.replay_webhook_url,
       replay_webhook_secret = excluded.replay_webhook_secret, updated_at = now()
     RETURNING *`,
    [projectId, webhook.url, webhook.url === null ? null : webhook.secret],
  );
  return view(r.rows[0]!);
}

/** The project's replay webhook with its secret, for the code that sends to it; null when none is set. */
export async function loadReplayWebhook(pool: Pool, projectId: string): Promise<{ url: string; secret: string | null } | null> {
  const r = await readRow(pool, projectId);
  return r?.replay_webhook_url ? { url: r.replay_webhook_url, secret: r.replay_webhook_secret } : null;
}

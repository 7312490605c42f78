/** The judge API's JSON shapes as the browser reads them (types only: the bundle carries no @onset/db). */
import type { JudgeReport } from "@onset/analysis";

/** When the judge runs (packages/db JUDGE_MODES). */
export type JudgeMode = "off" | "on_demand" | "failed_runs";

/** GET/POST /api/v1/runs/{traceId}/judge. */
export interface RunJudgeResponse {
  judgement: { report: JudgeReport; spanCount: number; judgedAt: string } | null;
  mode: JudgeMode;
}

/** GET/PATCH /api/v1/settings/judge. */
export interface JudgeSettingsResponse {
  judge: {
    mode: JudgeMode;
    baseUrl: string | null;
    model: string | null;
    hasApiKey: boolean;
    inputUsdPerMTok: number;
    outputUsdPerMTok: number;
    timeoutMs: number;
    promptTokenBudget: number;
  };
  secretKeyConfigured: boolean;
}

/** What each mode means, for the settings form and the run page. */
export const JUDGE_MODE_TEXT: Record<JudgeMode, string> = {
  off: "Off",
  on_demand: "On demand (Ask the judge on a run page)",
  failed_runs: "Every failed run (after the background analysis), and on demand",
};

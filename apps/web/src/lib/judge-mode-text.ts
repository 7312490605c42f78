/**
 * What each judge mode means, for the settings form and the run page (browser code: the
 * judge contract itself reaches server-only modules, so only its types are imported).
 */
import type { JudgeMode } from "@/contracts/judge";

/** A sentence per mode. */
export const JUDGE_MODE_TEXT: Record<JudgeMode, string> = {
  off: "Off",
  on_demand: "On demand (Ask the judge on a run page)",
  failed_runs: "Every failed run (after the background analysis), and on demand",
};

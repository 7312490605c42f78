/**
 * The verdict an artifact records about its run, mapped to `onset.run.outcome`
 * ("failed" | "succeeded") on the root span, with `onset.run.outcome_source` =
 * "importer" and a one-line reason. Formats that record no verdict leave the outcome
 * unknown: nothing here guesses from the content of the run (that is the analyzer's job).
 */
import { isRecord } from "./artifact-input";
import { numberOrNull } from "./message-text";

/** What an importer concluded from the artifact's own verdict fields. */
export interface Verdict {
  outcome: "failed" | "succeeded";
  /** The field and value it came from, e.g. "reward 0.0", "exit_status exit_cost". */
  reason: string;
}

// Exit statuses that mean the agent stopped on a limit, a format error or a crash.
// SWE-agent: exit_cost, exit_context, exit_format, exit_error, exit_api, "submitted (exit_cost)";
// mini-SWE-agent: LimitsExceeded, FormatError, TimeoutError, ExecutionTimeoutError;
// OpenHands: the agent state "error"; Magentic-One: "Max rounds (20) reached.";
// AgentChat: "Maximum number of messages 10 reached, current message count: 10".
const ABNORMAL_EXIT =
  /exit_|limit|exceed|error|timeout|format|context|cost|fail|abort|cancel|kill|stuck|max[ _-]?(turns|steps|rounds|iterations|time)|maximum number of/i;

/**
 * Verdict from an agent's exit status. "submitted" alone says nothing about whether
 * the submission was right, so it gives no verdict; an exit on a limit, a format error
 * or a crash is a failure.
 */
export function verdictFromExitStatus(status: string | null | undefined): Verdict | null {
  if (typeof status !== "string" || status.trim() === "") return null;
  const s = status.trim();
  if (/^submitted$/i.test(s) || /^(finished|stopped|awaiting_user_input|completed?)$/i.test(s)) return null;
  return ABNORMAL_EXIT.test(s) ? { outcome: "failed", reason: `exit status ${s}` } : null;
}

/** Verdict from a reward: 1 (the maximum) is a success, anything lower a failure. */
export function verdictFromReward(reward: unknown, field = "reward"): Verdict | null {
  const r = numberOrNull(reward);
  if (r === null) return null;
  return { outcome: r >= 1 ? "succeeded" : "failed", reason: `${field} ${String(reward)}` };
}

/** Verdict from a boolean flag such as `resolved`, `success`, `is_correct`. */
export function verdictFromFlag(value: unknown, field: string): Verdict | null {
  if (typeof value === "boolean") return { outcome: value ? "succeeded" : "failed", reason: `${field} ${String(value)}` };
  if (value === "true" || value === "false") return verdictFromFlag(value === "true", field);
  return null;
}

const FLAG_FIELDS = ["resolved", "success", "succeeded", "is_success", "is_correct"];

/**
 * The first verdict recorded in an object's own fields: a boolean flag (resolved,
 * success, is_correct, ...), then a numeric `reward`. Objects under the keys named in
 * `nested` (e.g. "report", "test_result") are looked into as well, up to three deep.
 */
export function verdictFromFields(record: unknown, nested: readonly string[] = [], depth = 0): Verdict | null {
  if (!isRecord(record) || depth > 3) return null;
  for (const field of FLAG_FIELDS) {
    const v = verdictFromFlag(record[field], field);
    if (v) return v;
  }
  const reward = verdictFromReward(record.reward, "reward");
  if (reward) return reward;
  for (const key of nested) {
    const v = verdictFromFields(record[key], nested, depth + 1);
    if (v) return { ...v, reason: `${key}.${v.reason}` };
  }
  return null;
}

/** The first non-null verdict, in order of authority (a test result beats an exit status). */
export function firstVerdict(...verdicts: (Verdict | null | undefined)[]): Verdict | null {
  for (const v of verdicts) if (v) return v;
  return null;
}

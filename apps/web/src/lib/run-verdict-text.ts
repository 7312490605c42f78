/**
 * The sentence the run page shows about a run's outcome and where it came from: a user's
 * verdict ("marked failed by admin@onset.local 2 min ago"), the agent's own tracing
 * ("failed — from the instrumentation"), an importer, or inference ("inferred from: …").
 * Pure, so it is tested without a browser; every string it returns is shown as text.
 */
import type { RunOutcome } from "@onset/analysis";
import type { OutcomeSource, RunVerdict } from "@onset/db";

/** How long ago `iso` was, relative to `nowMs`, in words ("just now", "2 min ago", "3 h ago", "5 days ago"). */
export function timeAgo(iso: string, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return "at an unknown time";
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

/** Who gave a verdict, as a reader knows them: the user's email, or the API key's name. */
export function verdictGiver(verdict: RunVerdict): string {
  return verdict.givenBy.kind === "api_key" ? `API key “${verdict.givenBy.name}”` : verdict.givenBy.name;
}

/** Why the analyzer said what it said, clipped for one line (the full reason stays in the API). */
function clipReason(reason: string, max = 300): string {
  return reason.length > max ? `${reason.slice(0, max - 1)}…` : reason;
}

/** The one-line description of the run's outcome and its source. */
export function outcomeSentence(outcome: RunOutcome, source: OutcomeSource | null, verdict: RunVerdict | null, nowMs: number): string {
  if (source === "user" && verdict) return `marked ${verdict.outcome} by ${verdictGiver(verdict)} ${timeAgo(verdict.givenAt, nowMs)}`;
  switch (source) {
    case "instrumentation":
      return `${outcome.status} — from the instrumentation (${clipReason(outcome.reason)})`;
    case "importer":
      return `${outcome.status} — from the importer (${clipReason(outcome.reason)})`;
    case "inferred":
      return `${outcome.status} — inferred from: ${clipReason(outcome.reason)}`;
    default:
      return outcome.status === "unknown"
        ? "unknown — no verdict, no outcome attribute or error status, and nothing in the spans says it failed"
        : `${outcome.status} (${clipReason(outcome.reason)})`;
  }
}

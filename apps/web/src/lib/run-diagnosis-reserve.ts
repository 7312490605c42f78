/**
 * How much room the run page holds for the verdict bar and diagnosis cards while the
 * diagnosis loads, so the tree below does not move down when they arrive (issue 20).
 * Guessed from the run summary the outline brings: its status and, once the run's
 * analysis is stored, the list badges (onset, loops, cost findings) that say which cards
 * will be drawn.
 */
import type { RunSummary } from "@onset/db";

/** Which cards the diagnosis is expected to draw: the onset banner (and loops), one finding card, or the one-line "nothing to diagnose". */
export type DiagnosisReserve = "cards" | "finding" | "line";

/** The room to hold for `run`'s diagnosis (see {@link DiagnosisReserve}). */
export function diagnosisReserve(run: Pick<RunSummary, "status" | "onsetSpanId" | "loopCount" | "costFindingCount">): DiagnosisReserve {
  if (run.status === "error" || run.onsetSpanId !== null || run.loopCount > 0) return "cards";
  // A cost finding draws one card; a run with no status may have an unknown outcome, whose suspects card is about as tall.
  if (run.costFindingCount > 0 || run.status === "unset") return "finding";
  return "line";
}

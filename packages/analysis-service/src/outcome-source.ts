/**
 * Names where a run's outcome came from, as the run page and the API show it: "user" (a
 * verdict), "instrumentation" (an `onset.run.outcome` attribute the agent's own tracing
 * set, or the root span's status), "importer" (the same attribute set by
 * packages/importers from the artifact's recorded result), "inferred" (the analyzer read
 * it from how the run ended), or null (unknown).
 */
import type { RunOutcome } from "@onset/analysis";
import type { OutcomeSource } from "@onset/db";

/**
 * The source of `outcome` (an analysis result's). `hasVerdict`: the run has a stored
 * verdict (then the analysis was given it as its `outcome` option); `importerMarked`: a
 * root span carries `onset.run.outcome_source` = "importer".
 */
export function outcomeSourceOf(outcome: RunOutcome, hasVerdict: boolean, importerMarked: boolean): OutcomeSource | null {
  switch (outcome.source) {
    case "option":
      return hasVerdict ? "user" : null;
    case "attribute":
      return importerMarked ? "importer" : "instrumentation";
    case "status":
      return "instrumentation";
    case "inferred":
      return "inferred";
    case "none":
      return null;
  }
}

/**
 * The work the analysis worker does: one task type per entry point, each a plain,
 * structured-cloneable object (spans in, result out), so it can cross a thread
 * boundary. `runTask` is what the worker thread calls; it is pure.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { analyzeRun, type AnalyzeOptions } from "../analyze-run";
import { diffRuns } from "../diff/diff-runs";
import { diffAgainstGroup } from "../diff/group";

/** One unit of work for the analysis worker. */
export type AnalysisTask =
  | { kind: "analyze"; spans: NormalizedSpan[]; options?: AnalyzeOptions }
  | { kind: "diff"; a: NormalizedSpan[]; b: NormalizedSpan[] }
  | { kind: "diffGroup"; spans: NormalizedSpan[]; baselines: NormalizedSpan[][] };

/** Result type of each task kind. */
export interface AnalysisTaskResult {
  analyze: ReturnType<typeof analyzeRun>;
  diff: ReturnType<typeof diffRuns>;
  diffGroup: ReturnType<typeof diffAgainstGroup>;
}

/** Runs one task in the current thread. */
export function runTask(task: AnalysisTask): AnalysisTaskResult[AnalysisTask["kind"]] {
  switch (task.kind) {
    case "analyze":
      return analyzeRun(task.spans, task.options);
    case "diff":
      return diffRuns(task.a, task.b);
    case "diffGroup":
      return diffAgainstGroup(task.spans, task.baselines);
  }
}

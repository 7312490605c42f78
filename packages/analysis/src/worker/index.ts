/** Off-thread analysis and diff with a time budget (`@onset/analysis/worker`). */
export {
  AnalysisTimeoutError,
  analyzeRunOffThread,
  closeAnalysisPool,
  defaultAnalysisBudgetMs,
  diffAgainstGroupOffThread,
  diffRunsOffThread,
  runOffThread,
  workerEntryPath,
  type OffThreadOptions,
} from "./pool";
export { runTask, type AnalysisTask, type AnalysisTaskResult } from "./tasks";

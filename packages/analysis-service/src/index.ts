// Public surface of @onset/analysis-service: run analysis loaded from the database,
// analyzed off-thread and cached (the one orchestration of @onset/db and @onset/analysis).
export {
  getRunAnalysis,
  getRunAnalysisView,
  getRunDiagnosis,
  type RunDiagnosis,
  type RunDiagnosisOptions,
  analyzeQuietRuns,
  analyzeQuietRun,
  warmAnalysis,
  type QuietRunOutcome,
  type RunAnalysisOptions,
  type RunAnalysisResult,
  type RunAnalysisView,
  type QuietRunOptions,
} from "./run-analysis";
export { warmStoreThread } from "./store-thread";
export { getRunOutline, type RunOutline, type StoredRunOutline } from "./run-outline";
export { diagnosisPart, pageStep, type DiagnosisPart, type PageStage, type PageStep } from "./diagnosis-part";
export { untimed, type PhaseTimer } from "./phase-timer";
export { outcomeSourceOf } from "./outcome-source";
export { readJudgement, judgeIfFailedRunsMode, type JudgeRunOptions, type RunJudgement } from "./judge-run";
export { judgeRun } from "./judge-on-demand";

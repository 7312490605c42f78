// Public surface of @onset/db: the Prisma client, the pg pool, the span ingest path and
// the repositories. Process start-up (embedded Postgres, migrations, first-start
// bootstrap) is in "@onset/db/runtime" so the web bundle does not carry it.
export { createPrisma, type Prisma } from "./prisma-client";
export { createPool, type Pool, type PoolClient } from "./pool";
export { IngestRequest, SpanIngest, type SpanIngestOptions } from "./ingest/span-ingest";
export { QueueFullError, type CommittedBatch, type TouchedTrace, type WriteResult, type WriteTiming } from "./ingest/span-writer";
export { PriceTable, costOf, type PriceRow } from "./pricing/price-table";
export { genaiPriceRows } from "./pricing/genai-prices-seed";
export { storeLogRecords, listLogRecords, type LogWriteResult, type LogRecordRow, type LogRecordQuery } from "./repositories/log-records";
export { applyLogRecordsToSpans, type LogJoinResult, type SpanKey } from "./repositories/span-log-join";
export { getRunSpanPage, MAX_SPAN_PAGE, type RunSpanPage } from "./repositories/run-span-pages";
export {
  compileModelPattern,
  modelPatternProblem,
  normalizeModelName,
  MAX_MODEL_NAME_CHARS,
  MAX_MODEL_PATTERN_CHARS,
} from "./pricing/model-pattern";
export {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  findKeyPrincipal,
  touchApiKey,
  DEFAULT_KEY_SCOPES,
  type ApiKeySummary,
  type CreatedApiKey,
  type KeyPrincipal,
} from "./repositories/api-keys";
export { ensureProject, listProjects, findProject, type ProjectRow } from "./repositories/projects";
export { createUser, countUsers, login, logout, findSessionUser, checkCredentials, openSession, SESSION_TTL_MS, sessionIdleMs, purgeExpiredSessions } from "./repositories/users";
export {
  ROLES,
  KEY_SCOPES,
  roleAtLeast,
  isRole,
  isKeyScope,
  checkMembershipChange,
  checkInviteRole,
  MembershipError,
  type Role,
  type KeyScope,
  type MembershipChange,
} from "./access/roles";
export {
  findMemberProject,
  listUserProjects,
  listMembers,
  grantMembership,
  grantFirstUserOwnership,
  changeMembership,
  type MemberProject,
  type MemberRow,
} from "./repositories/memberships";
export {
  createInvite,
  listPendingInvites,
  revokeInvite,
  previewInvite,
  acceptInvite,
  InviteError,
  INVITE_TTL_MS,
  MAX_INVITE_TTL_MS,
  type InviteRow,
  type CreatedInvite,
  type InvitePreview,
  type InviteAcceptor,
} from "./repositories/invites";
export {
  seedGenaiPrices,
  loadPriceRows,
  listPrices,
  MAX_PRICE_LISTING,
  createPriceOverride,
  deletePriceOverride,
  listUnpricedModels,
  type PriceOverrideInput,
  type PriceListing,
} from "./repositories/prices";
export { ensureSpanPartitions, partitionName } from "./repositories/span-partitions";
export { applyRetention, getProjectRetention, setProjectRetention, type RetentionResult } from "./repositories/retention";
export {
  listRuns,
  getRun,
  getRunSummary,
  loadRunSpans,
  loadTouchedTrace,
  BadCursorError,
  RUN_SORTS,
  type RunListQuery,
  type RunPage,
  type RunListItem,
} from "./repositories/runs";
export { PREVIEW_CHARS, type RunPreview } from "./repositories/run-previews";
export { getReplayLinks, MAX_REPLAYS_LISTED, type ReplayLinks, type ReplayRun } from "./repositories/replays";
export type { RunSummary, SpanRecord } from "./repositories/run-rows";
export { presentedKey, type PresentedKey } from "./repositories/credentials";
export {
  readCachedAnalysis,
  readCachedDiagnosis,
  readCachedOutline,
  type CachedOutlineRow,
  type CachedDiagnosisRow,
  readContentVersion,
  storeRunAnalysis,
  listQuietRuns,
  isRunAnalysisDue,
  parkRun,
  type CachedAnalysisRow,
  type StoredAnalysis,
} from "./repositories/analysis-cache";
export {
  getRunSpan,
  listRunOutline,
  listRunSpanFacts,
  searchRunSpans,
  type OutlineSpan,
  type SpanFacts,
  type SpanSearchResult,
} from "./repositories/run-span-reads";
export { runCostBaseline, type RunCostBaseline } from "./repositories/run-cost-baseline";
export {
  getRunVerdict,
  setRunVerdict,
  deleteRunVerdict,
  InvalidVerdictError,
  VERDICT_OUTCOMES,
  MAX_VERDICT_NOTE,
  type RunVerdict,
  type VerdictActor,
  type VerdictInput,
  type VerdictOutcome,
} from "./repositories/run-verdicts";
export { importerMarkedRun, importerMarkedSpans, OUTCOME_SOURCE_ATTRIBUTE, type OutcomeSource } from "./repositories/run-outcome-source";
export {
  loadDashboard,
  bucketCount,
  DASHBOARD_BUCKETS,
  MAX_DASHBOARD_BUCKETS,
  type DashboardBucket,
  type DashboardQuery,
  type DashboardData,
  type DashboardPoint,
  type DashboardTotals,
  type ModelUsage,
  type LoopRun,
} from "./repositories/dashboard";
export {
  listDiffCandidates,
  getRunSummaries,
  type DiffCandidate,
  type DiffCandidates,
  type DiffCandidateQuery,
  type CandidateMatch,
} from "./repositories/diff-candidates";
export { loadDiagnosticsSample, type DiagnosticsSample, type DiagnosticsSampleQuery } from "./repositories/diagnostics";
export {
  listAlertRules,
  countAlertRules,
  getAlertRule,
  insertAlertRule,
  updateAlertRule,
  deleteAlertRule,
  listEnabledAlertRules,
  alertRuleVersions,
  type AlertRuleFields,
} from "./repositories/alerts-rules";
export type { AlertDb, AlertRuleRow, AlertEventRow, AlertDeliveryRow } from "./repositories/alerts-rows";
export {
  fireAlertEvent,
  listFiringAlertEvents,
  resolveAlertEvent,
  renotifyAlertEvent,
  listAlertEvents,
  getAlertEvent,
  type NewAlertEvent,
  type NewAlertDelivery,
  type AlertEventDetail,
  type AlertEventPage,
  type AlertEventQuery,
} from "./repositories/alerts-events";
export {
  claimDueAlertDeliveries,
  recordAlertDeliveryAttempt,
  listAlertDeliveries,
  type ClaimedAlertDelivery,
  type AlertDeliveryOutcome,
} from "./repositories/alerts-deliveries";
export {
  aggregateAlertWindow,
  listAlertProjects,
  type AlertWindowScope,
  type AlertWindowGroup,
  type AlertWindowRun,
  type AlertProject,
} from "./repositories/alerts-window";
export { UnstorableSpansError, isUnstorableSpansError } from "./ingest/unstorable-spans";
export { SECRET_KEY_ENV, SecretBoxError, secretKeyFromEnv, sealSecret, openSecret } from "./crypto/secret-box";
export {
  JUDGE_MODES,
  readAnalysisSettings,
  updateJudgeSettings,
  loadJudgeSettings,
  updateReplayWebhook,
  loadReplayWebhook,
  type JudgeMode,
  type JudgeSettingsView,
  type JudgeSettingsPatch,
  type JudgeRunSettings,
  type ReplayWebhookView,
  type AnalysisSettingsView,
} from "./repositories/analysis-settings";
export { storeRunJudgement, readRunJudgement, type StoredJudgement } from "./repositories/run-judgements";
export {
  recordFailureMode,
  listFailureModes,
  listNewFailureModes,
  MAX_FAILURE_MODES,
  type FailureModeParts,
  type FailureModeRun,
  type FailureModeSummary,
  type FailureModeQuery,
} from "./repositories/failure-modes";

/**
 * Where a run's outcome came from, as the run page and the API name it (issue 14 item 2):
 * "user" (a verdict given through the API or the buttons), "instrumentation" (an
 * `onset.run.outcome` attribute the agent's own tracing set, or the root span's status),
 * "importer" (`onset.run.outcome_source` = "importer" beside that attribute on a root,
 * set by packages/importers from the artifact's recorded result), "inferred" (the
 * analyzer read it from how the run ended), or null (outcome unknown). Which one a
 * result has is decided by @onset/analysis-service (outcomeSourceOf); this module keeps
 * the storage side: the type and whether an importer marked the run.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { Pool } from "pg";

/** The source of a run's outcome. */
export type OutcomeSource = "user" | "instrumentation" | "importer" | "inferred";

/** Root-span attribute importers set beside `onset.run.outcome`. */
export const OUTCOME_SOURCE_ATTRIBUTE = "onset.run.outcome_source";

/** Whether a root span of `spans` says an importer set its outcome. */
export function importerMarkedSpans(spans: readonly NormalizedSpan[]): boolean {
  return spans.some((s) => s.parentSpanId === null && s.attributes[OUTCOME_SOURCE_ATTRIBUTE] === "importer");
}

/** The same, read from the stored spans (for a cached analysis). */
export async function importerMarkedRun(pool: Pool, projectId: string, traceId: string): Promise<boolean> {
  const r = await pool.query(
    `SELECT 1 FROM spans
      WHERE project_id = $1 AND trace_id = $2 AND parent_span_id IS NULL AND attributes->>$3 = 'importer'
      LIMIT 1`,
    [projectId, traceId, OUTCOME_SOURCE_ATTRIBUTE],
  );
  return (r.rowCount ?? 0) > 0;
}

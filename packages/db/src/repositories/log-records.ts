/**
 * OTLP log records: the write path of POST /v1/logs and LogsService/Export, and the
 * per-project listing of records (GET /api/v1/logs). A write is one transaction: the
 * records are COPYed in, then the spans they name are given their content
 * (span-log-join.ts); it resolves after commit, so an export is acknowledged only once
 * its records are stored, as spans are. A run whose stored spans got content this way
 * has its content version bumped (a cached analysis of it is stale) and its updated_at
 * moved (the quiet-run worker analyzes it again).
 */
import type { AttrValue, OtlpLogRecord } from "@onset/otlp";
import type { Pool } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { copyField, jsonbCopyField } from "../ingest/copy-text";
import { copyTimestamp, int4 } from "../ingest/span-columns";
import { UnstorableSpansError, isDataError } from "../ingest/unstorable-spans";
import { applyLogRecordsToSpans, lockForLogJoin, type SpanKey } from "./span-log-join";

const COLUMNS = [
  "project_id", "trace_id", "span_id", "time", "observed_time", "severity_number", "severity_text", "event_name",
  "body", "attributes", "resource", "service_name", "scope_name", "scope_version",
] as const;

const COPY_LOGS = `COPY log_records (${COLUMNS.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;

/** What one write stored. */
export interface LogWriteResult {
  stored: number;
  /** Spans that got content or events from these records now (the rest wait for their span). */
  spansUpdated: number;
}

function copyRow(projectId: string, r: OtlpLogRecord, nowMs: number): string {
  const time = r.timeMs ?? r.observedTimeMs ?? nowMs;
  return (
    `${copyField(projectId)}\t${copyField(r.traceId)}\t${copyField(r.spanId)}\t${copyTimestamp(time)}\t` +
    `${r.observedTimeMs === null ? "\\N" : copyTimestamp(r.observedTimeMs)}\t${copyField(int4(r.severityNumber))}\t` +
    `${copyField(r.severityText)}\t${copyField(r.eventName)}\t${jsonbCopyField(r.body)}\t${jsonbCopyField(r.attributes)}\t` +
    `${jsonbCopyField(r.resourceAttributes)}\t${copyField(r.serviceName)}\t${copyField(r.scopeName)}\t${copyField(r.scopeVersion)}\n`
  );
}

/**
 * Stores `records` of `projectId` and applies those with a span context to their spans
 * when stored; resolves after commit. Postgres refusing the rows as data throws
 * UnstorableSpansError (the collector answers 400).
 */
export async function storeLogRecords(pool: Pool, projectId: string, records: readonly OtlpLogRecord[]): Promise<LogWriteResult> {
  if (records.length === 0) return { stored: 0, spansUpdated: 0 };
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const now = Date.now();
    function* rows() {
      let chunk = "";
      for (const r of records) {
        chunk += copyRow(projectId, r, now);
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(rows()), client.query(copyFrom(COPY_LOGS)));
    const keys = new Map<string, SpanKey>();
    for (const r of records) if (r.traceId && r.spanId) keys.set(`${r.traceId}:${r.spanId}`, { traceId: r.traceId, spanId: r.spanId });
    let spansUpdated = 0;
    if (keys.size > 0) {
      // The runs' rows first, in key order, then the join lock: the span path takes them
      // in the same order (its upsert, then the shared lock), so neither waits on the other in a cycle.
      const traceIds = [...new Set([...keys.values()].map((k) => k.traceId))].sort();
      await client.query(`SELECT 1 FROM traces WHERE project_id = $1 AND trace_id = ANY($2::text[]) ORDER BY trace_id FOR UPDATE`, [
        projectId,
        traceIds,
      ]);
      await lockForLogJoin(client, "exclusive");
      const joined = await applyLogRecordsToSpans(client, projectId, [...keys.values()]);
      spansUpdated = joined.spans;
      if (joined.traceIds.length > 0) {
        await client.query(
          `UPDATE traces SET content_version = content_version + 1, updated_at = now() WHERE project_id = $1 AND trace_id = ANY($2::text[])`,
          [projectId, joined.traceIds],
        );
      }
    }
    await client.query("COMMIT");
    return { stored: records.length, spansUpdated };
  } catch (err) {
    broken = broken || (await client.query("ROLLBACK").then(() => false, () => true));
    if (isDataError(err)) throw new UnstorableSpansError(`log records could not be stored: ${(err as Error).message}`, err);
    throw err;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** One stored log record as the API lists it. */
export interface LogRecordRow {
  id: string;
  traceId: string | null;
  spanId: string | null;
  time: string;
  severityNumber: number | null;
  severityText: string | null;
  eventName: string | null;
  body: AttrValue;
  attributes: Record<string, AttrValue>;
  serviceName: string | null;
  scopeName: string | null;
  /** True when the record's span is stored and shows it (content or an event). */
  spanApplied: boolean;
}

/** Filters of {@link listLogRecords}. */
export interface LogRecordQuery {
  /** "none": records without a span context (the default); "any": every record; a trace id: that run's records. */
  context?: "none" | "any" | { traceId: string };
  /** Page size (1-500). */
  limit?: number;
  /** Cursor: the id of the last record of the previous page (newest first). */
  before?: string | null;
}

/** A page of a project's log records, newest first, with the cursor of the next page. */
export async function listLogRecords(pool: Pool, projectId: string, q: LogRecordQuery = {}): Promise<{ records: LogRecordRow[]; nextBefore: string | null }> {
  const limit = Math.min(500, Math.max(1, Math.floor(q.limit ?? 100)));
  const params: unknown[] = [projectId];
  const where = ["project_id = $1"];
  const context = q.context ?? "none";
  if (context === "none") where.push("trace_id IS NULL");
  else if (context !== "any") {
    params.push(context.traceId);
    where.push(`trace_id = $${params.length}`);
  }
  if (q.before) {
    params.push(q.before);
    where.push(`id < $${params.length}::bigint`);
  }
  params.push(limit + 1);
  const r = await pool.query(
    `SELECT id::text AS id, trace_id AS "traceId", span_id AS "spanId", time, severity_number AS "severityNumber",
            severity_text AS "severityText", event_name AS "eventName", body, attributes, service_name AS "serviceName",
            scope_name AS "scopeName", span_applied AS "spanApplied"
       FROM log_records WHERE ${where.join(" AND ")} ORDER BY log_records.id DESC LIMIT $${params.length}`,
    params,
  );
  const rows = r.rows.slice(0, limit).map((row) => ({ ...row, time: (row.time as Date).toISOString() })) as LogRecordRow[];
  return { records: rows, nextBefore: r.rows.length > limit ? rows[rows.length - 1]!.id : null };
}

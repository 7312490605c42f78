/**
 * One OTLP logs export, whatever the transport, on the trace path's terms: the same key
 * check (authenticateExport, before the body is read), the project's span rate counting
 * each record as a span, the same share of the commit queue while the records are
 * written, the same attribute-count cap; acknowledged only after the records are
 * committed (storeLogRecords resolves after COMMIT), their spans updated in the same
 * transaction.
 */
import { logsPartialSuccess, type DecodeLogsResult, type ExportPartialSuccess } from "@onset/otlp";
import { isUnstorableSpansError, storeLogRecords, type KeyPrincipal, type Pool } from "@onset/db";
import { capAttributes } from "./attribute-cap";
import type { ExportDeps } from "./export-traces";
import { HttpError } from "./http-error";

/** What a logs export needs besides the trace path's dependencies. */
export interface LogsExportDeps extends ExportDeps {
  pool: Pool;
}

/** Decodes and stores one authenticated logs export; the partial success to answer with. */
export async function storeLogsExport(deps: LogsExportDeps, principal: KeyPrincipal, decode: () => DecodeLogsResult): Promise<ExportPartialSuccess | null> {
  const decoded = decode();
  deps.quotas.admitRate(principal.projectId, decoded.records.length);
  const max = deps.config.maxSpanAttributes;
  const records = decoded.records.map((r) => {
    const attributes = capAttributes(r.attributes, max);
    return attributes === r.attributes ? r : { ...r, attributes };
  });
  const release = deps.quotas.reserveQueue(principal.projectId, records.length);
  try {
    await storeLogRecords(deps.pool, principal.projectId, records);
  } catch (err) {
    if (isUnstorableSpansError(err)) {
      deps.log.warn({ err }, "log records refused by the store");
      throw new HttpError(400, err.message);
    }
    deps.log.error({ err }, "storing log records failed");
    throw new HttpError(503, "storage is unavailable, retry later", 5);
  } finally {
    release();
  }
  return logsPartialSuccess(decoded);
}

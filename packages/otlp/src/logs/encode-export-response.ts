import protobuf from "protobufjs/minimal.js";
import type { DecodeLogsResult } from "./log-record";

/**
 * Export responses of the logs and metrics services (collector/logs/v1/logs_service.proto
 * ExportLogsServiceResponse, collector/metrics/v1/metrics_service.proto
 * ExportMetricsServiceResponse): {1 partial_success {1 rejected_<items> int64,
 * 2 error_message}}. Full success is the empty message, `{}` in JSON.
 */

/** Refused items and why (partial_success), null when everything was taken. */
export interface ExportPartialSuccess {
  rejected: number;
  errorMessage: string;
}

/** The partial_success for a logs decode result (reasons most frequent first). */
export function logsPartialSuccess(result: DecodeLogsResult): ExportPartialSuccess | null {
  const count = result.rejected.length;
  if (count === 0) return null;
  const byReason = new Map<string, number>();
  for (const r of result.rejected) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  const reasons = [...byReason.entries()].sort((a, b) => b[1] - a[1]).map(([reason, n]) => (n > 1 ? `${reason} (${n} records)` : reason));
  let message = `${count} log record${count === 1 ? "" : "s"} rejected: ${reasons.join("; ")}`;
  if (message.length > 2000) message = `${message.slice(0, 1999)}…`;
  return { rejected: count, errorMessage: message };
}

/** ExportLogsServiceResponse / ExportMetricsServiceResponse as protobuf bytes. */
export function encodeExportResponseProtobuf(partial: ExportPartialSuccess | null): Uint8Array {
  const w = protobuf.Writer.create();
  if (partial && (partial.rejected > 0 || partial.errorMessage !== "")) {
    w.uint32(10).fork();
    if (partial.rejected > 0) w.uint32(8).int64(partial.rejected);
    if (partial.errorMessage !== "") w.uint32(18).string(partial.errorMessage);
    w.ldelim();
  }
  return w.finish();
}

/** The same in the OTLP/JSON mapping; `field` is rejectedLogRecords or rejectedDataPoints. */
export function encodeExportResponseJson(partial: ExportPartialSuccess | null, field: "rejectedLogRecords" | "rejectedDataPoints"): string {
  if (!partial || (partial.rejected <= 0 && partial.errorMessage === "")) return "{}";
  return JSON.stringify({ partialSuccess: { [field]: String(partial.rejected), errorMessage: partial.errorMessage } });
}

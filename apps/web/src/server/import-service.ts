/** Upload of a run artifact: detect its format, convert it, store its runs. */
import { importArtifact, isFormatName, type FormatName } from "@onset/importers";
import { ApiError } from "./api-error";
import { webIngest } from "./ingest";

/** What an upload stored. */
export interface UploadResult {
  format: FormatName;
  runs: { traceId: string; name: string; steps: number; errors: number; spans: number }[];
}

/** Imports one uploaded artifact into `projectId`. */
export async function importUpload(projectId: string, fileName: string, content: Buffer, format: string): Promise<UploadResult> {
  if (format !== "auto" && !isFormatName(format)) throw new ApiError(400, "invalid_format", `unknown format "${format}"`);
  // An unreadable artifact throws ImportError: 422 `unreadable_artifact`, answered as it is.
  const result = importArtifact(fileName, content.toString("utf8"), { format: format as "auto" | FormatName });
  const ingest = await webIngest();
  for (const run of result.runs) await ingest.write(projectId, run.spans);
  return {
    format: result.format,
    runs: result.runs.map((r) => ({ traceId: r.traceId, name: r.name, steps: r.steps, errors: r.errors, spans: r.spans.length })),
  };
}

/**
 * Batch import from disk: a file, or a directory walked recursively. The one module of
 * this package that does I/O (node:fs); the extractors stay pure. A failing file never
 * stops the batch: its error is collected and the walk goes on.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ArtifactInput } from "./artifact-input";
import { UnknownFormatError } from "./errors";
import { importArtifact, maxAttributeBytesFromEnv } from "./registry";
import type { FormatName, ImportOptions, ImportResult } from "./types";

/** File extensions a directory walk considers; a file named explicitly is always tried. */
export const ARTIFACT_EXTENSIONS: readonly string[] = [".json", ".jsonl", ".ndjson", ".traj"];

/** Options of importPath. */
export interface ImportPathOptions extends ImportOptions {
  /** Called with each file's result as soon as it is imported (e.g. to store it); a throw counts as that file's failure. */
  onResult?: (result: ImportResult) => void | Promise<void>;
  /** Keep every ImportResult in the summary (default true; turn off for huge batches stored via onResult). */
  keepResults?: boolean;
}

/** Progress report after each file. */
export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  file: string;
  status: "imported" | "failed" | "skipped";
}

/** Totals for one format. */
export interface FormatTotals {
  files: number;
  runs: number;
  steps: number;
  errors: number;
}

/** What a batch import did. */
export interface ImportSummary {
  path: string;
  filesTotal: number;
  filesImported: number;
  filesFailed: number;
  filesSkipped: number;
  runs: number;
  steps: number;
  /** Error spans (failed steps) across all runs, not failed files. */
  errors: number;
  byFormat: Partial<Record<FormatName, FormatTotals>>;
  /** Files that could not be imported, with the reason. */
  failures: { file: string; message: string }[];
  /** Valid JSON files of no known format met during a directory walk (configs, preds.json...). */
  skipped: { file: string; reason: string }[];
  results: ImportResult[];
}

/** Lists candidate artifact files under `root` (itself when it is a file), sorted, skipping dot-entries and node_modules. */
export async function listArtifactFiles(root: string): Promise<string[]> {
  const info = await stat(root);
  if (info.isFile()) return [root];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && ARTIFACT_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(full);
    }
  };
  await walk(root);
  return out;
}

/**
 * Imports a file or every artifact under a directory. Reports progress after each file,
 * collects per-file failures without stopping, and returns totals per format.
 */
export async function importPath(
  path: string,
  opts: ImportPathOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const isDirectory = (await stat(path)).isDirectory();
  const files = await listArtifactFiles(path);
  const summary: ImportSummary = {
    path,
    filesTotal: files.length,
    filesImported: 0,
    filesFailed: 0,
    filesSkipped: 0,
    runs: 0,
    steps: 0,
    errors: 0,
    byFormat: {},
    failures: [],
    skipped: [],
    results: [],
  };
  for (const [i, file] of files.entries()) {
    let status: ImportProgress["status"];
    try {
      const content = await readFile(file, "utf8");
      let result: ImportResult;
      try {
        // The CLI path truncates like the collector: ONSET_MAX_ATTRIBUTE_BYTES unless told otherwise.
        result = importArtifact(file, content, { ...opts, maxAttributeBytes: opts.maxAttributeBytes === undefined ? maxAttributeBytesFromEnv(process.env) : opts.maxAttributeBytes });
      } catch (e) {
        // In a directory walk, well-formed JSON of no known format is somebody else's
        // file (a config, preds.json), not a broken artifact.
        if (e instanceof UnknownFormatError && isDirectory && parsesAsJson(file, content)) {
          summary.skipped.push({ file: file, reason: "not a recognised run artifact" });
          summary.filesSkipped++;
          onProgress?.({ filesDone: i + 1, filesTotal: files.length, file: file, status: "skipped" });
          continue;
        }
        throw e;
      }
      await opts.onResult?.(result);
      tally(summary, result);
      if (opts.keepResults !== false) summary.results.push(result);
      summary.filesImported++;
      status = "imported";
    } catch (e) {
      summary.failures.push({ file: file, message: e instanceof Error ? e.message : String(e) });
      summary.filesFailed++;
      status = "failed";
    }
    onProgress?.({ filesDone: i + 1, filesTotal: files.length, file: file, status });
  }
  return summary;
}

function parsesAsJson(fileName: string, content: string): boolean {
  const input = new ArtifactInput(fileName, content);
  return input.json().ok || input.jsonLinesStrict() !== null;
}

function tally(summary: ImportSummary, result: ImportResult): void {
  const totals = (summary.byFormat[result.format] ??= { files: 0, runs: 0, steps: 0, errors: 0 });
  totals.files++;
  for (const run of result.runs) {
    totals.runs++;
    totals.steps += run.steps;
    totals.errors += run.errors;
    summary.runs++;
    summary.steps += run.steps;
    summary.errors += run.errors;
  }
}

/**
 * Runs analysis and diff off the caller's event loop, in a worker thread (thread-pool.ts),
 * with a time budget. The collector, alerts and the web app never run an analysis on
 * their own event loop: a hostile or merely huge run costs a worker, and past the
 * budget the worker is terminated and the caller gets an AnalysisTimeoutError (the web
 * app answers 503 with its message; background analysis logs a skip).
 *
 * Settings (read at first use): ONSET_ANALYSIS_TIMEOUT_MS (default 20000) and
 * ONSET_ANALYSIS_THREADS (default 1: the machines this runs on are small).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NormalizedSpan } from "@onset/otlp";
import type { AnalyzeOptions } from "../analyze-run";
import type { AnalysisTask, AnalysisTaskResult } from "./tasks";
import { AnalysisTimeoutError, ThreadPool } from "./thread-pool";

export { AnalysisTimeoutError };

/** Options of one off-thread call. */
export interface OffThreadOptions {
  /** Time budget in ms (queueing included); default ONSET_ANALYSIS_TIMEOUT_MS or 20000. */
  timeoutMs?: number;
}

const ENTRY = "worker-entry.mjs";

function positiveInt(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The default time budget (ms) from ONSET_ANALYSIS_TIMEOUT_MS. */
export function defaultAnalysisBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.ONSET_ANALYSIS_TIMEOUT_MS, 20_000);
}

/**
 * A worker entry on disk: `file` beside the module at `moduleUrl` when running from
 * source (tsx, vitest); inside a bundle (Next.js) that URL is the bundle's, so the
 * package export `specifier` is found from the working directory with Node's own
 * resolution instead. Also used by @onset/analysis-service's store thread.
 */
export function workerEntryPath(moduleUrl: string, file: string, specifier: string): string {
  try {
    const here = path.join(path.dirname(fileURLToPath(moduleUrl)), file);
    if (existsSync(here)) return here;
  } catch {
    // not a file: URL (bundled): fall through
  }
  const { createRequire } = process.getBuiltinModule("node:module") as typeof import("node:module");
  return createRequire(path.join(process.cwd(), "noop.js")).resolve(specifier);
}

/** This package's worker entry. */
function workerEntry(): string {
  return workerEntryPath(import.meta.url, ENTRY, "@onset/analysis/worker-entry");
}

let pool: ThreadPool | null = null;

function getPool(): ThreadPool {
  pool ??= new ThreadPool(workerEntry(), positiveInt(process.env.ONSET_ANALYSIS_THREADS, 1));
  return pool;
}

/** Runs `task` in the worker pool within the time budget (AnalysisTimeoutError past it). */
export async function runOffThread<K extends AnalysisTask["kind"]>(
  task: Extract<AnalysisTask, { kind: K }>,
  opts: OffThreadOptions = {},
): Promise<AnalysisTaskResult[K]> {
  return (await getPool().run(task, opts.timeoutMs ?? defaultAnalysisBudgetMs())) as AnalysisTaskResult[K];
}

/** analyzeRun in the worker pool. */
export function analyzeRunOffThread(spans: NormalizedSpan[], options?: AnalyzeOptions, opts?: OffThreadOptions): Promise<AnalysisTaskResult["analyze"]> {
  return runOffThread({ kind: "analyze", spans, options }, opts);
}

/** diffRuns (default options) in the worker pool. */
export function diffRunsOffThread(a: NormalizedSpan[], b: NormalizedSpan[], opts?: OffThreadOptions): Promise<AnalysisTaskResult["diff"]> {
  return runOffThread({ kind: "diff", a, b }, opts);
}

/** diffAgainstGroup (default options) in the worker pool. */
export function diffAgainstGroupOffThread(
  spans: NormalizedSpan[],
  baselines: NormalizedSpan[][],
  opts?: OffThreadOptions,
): Promise<AnalysisTaskResult["diffGroup"]> {
  return runOffThread({ kind: "diffGroup", spans, baselines }, opts);
}

/** Stops the worker threads (tests, shutdown). */
export async function closeAnalysisPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.close();
}

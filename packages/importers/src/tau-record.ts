/**
 * τ-bench result records imported one at a time, for callers that already hold the
 * parsed record (the evaluation reads AgentRx's tau_dataset_*.json and scores run by run).
 */
import { ImportError } from "./errors";
import { importArtifact } from "./registry";
import type { ImportOptions, ImportedRun } from "./types";

/**
 * Imports one τ-bench record {task_id, reward, info, traj, trial} as a run (format
 * chat-history). Each message traj[k] that becomes a span carries
 * `onset.source.index` = k, and llm spans `onset.step.index` = k + 1 (AgentRx's 1-based
 * step_number); `reward` becomes onset.run.outcome. `info` (the grader's answer key) is
 * never read. Throws ImportError (MalformedArtifactError when a message is malformed) on a bad record.
 */
export function importTauRecord(record: unknown, opts: Omit<ImportOptions, "format"> = {}): ImportedRun {
  if (typeof record !== "object" || record === null || Array.isArray(record) || !Array.isArray((record as { traj?: unknown }).traj)) {
    throw new ImportError("a τ-bench record is an object with a `traj` list of messages");
  }
  const id = (record as { task_id?: unknown }).task_id;
  const name = `tau-${typeof id === "number" || typeof id === "string" ? String(id) : "record"}.json`;
  const runs = importArtifact(name, JSON.stringify(record), { ...opts, format: "chat-history" }).runs;
  const run = runs[0];
  if (runs.length !== 1 || run === undefined) throw new ImportError(`expected one run from a τ-bench record, got ${runs.length}`);
  return run;
}

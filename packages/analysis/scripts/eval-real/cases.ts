/**
 * Labelled real runs for the onset evaluation, loaded into one shape: the run's spans as
 * an importer (or an OTLP exporter) produced them, the outcome people labelled, and the human
 * label — the onset step, the other incorrect steps, the agent to blame.
 *
 * Two sources, both in packages/analysis/eval/:
 *   - tau-retail/: τ-bench retail runs with AgentRx's human labels (step N = message N,
 *     1-based, which is the chat-history importer's `onset.step.index`);
 *   - real/: the team's hand-labelled third-party runs (labels*.jsonl, see its README).
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { importArtifact, importTauRecord } from "@onset/importers";
import type { NormalizedSpan } from "@onset/otlp";

/** Where a label points: a source step number, a 0-based message index, or a span id. */
export type StepRef = { step: number } | { message: number } | { spanId: string };

/** One labelled run ready to analyze. */
export interface EvalCase {
  id: string;
  dataset: string;
  framework: string;
  split: "dev" | "test";
  spans: NormalizedSpan[];
  /** The human verdict the labels rest on. */
  outcome: "failed" | "succeeded";
  /** Null for successes and failures nobody could place. */
  gold: { onset: StepRef; agent: string | null; errors: StepRef[]; reason: string } | null;
}

const OUTCOME_ATTRIBUTE = "onset.run.outcome";

/** Removes every verdict the spans carry, so the analyzer has to infer it. */
export function withoutVerdict(spans: readonly NormalizedSpan[]): NormalizedSpan[] {
  return spans.map((s) => {
    if (!(OUTCOME_ATTRIBUTE in s.attributes) && s.statusCode !== "ok") return s;
    const attributes = { ...s.attributes };
    delete attributes[OUTCOME_ATTRIBUTE];
    return { ...s, attributes, statusCode: s.statusCode === "ok" && s.parentSpanId === null ? "unset" : s.statusCode };
  });
}

interface TauRecord {
  task_id: number;
  reward: number;
  traj: unknown[];
}
interface TauLabel {
  trajectory_id: number;
  failures: { failure_id: number; step_number: number; failed_agent: string; step_reason: string }[];
  root_cause: { failure_id: number; reason_for_root_cause: string };
}

/** Split of a run: a fixed hash of its id, ~40% test. Decided before any scoring. */
export function splitOf(id: string): "dev" | "test" {
  let h = 2166136261;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 16777619) >>> 0;
  return h % 10 < 4 ? "test" : "dev";
}

function importRecord(record: TauRecord): NormalizedSpan[] {
  // The importer reads `reward` as the run's verdict and never reads `info` (the answer key).
  return importTauRecord(record).spans;
}

/** τ-bench retail: 29 labelled failures and the 73 successes of the full file. */
export function loadTauRetail(evalDir: string): EvalCase[] {
  const dir = join(evalDir, "tau-retail");
  const failed = JSON.parse(readFileSync(join(dir, "tau_dataset_failed.json"), "utf8")) as TauRecord[];
  const full = JSON.parse(readFileSync(join(dir, "tau_dataset_full.json"), "utf8")) as TauRecord[];
  const labels = JSON.parse(readFileSync(join(dir, "tau_ground_truth.json"), "utf8")) as TauLabel[];
  const labelOf = new Map(labels.map((l) => [l.trajectory_id, l]));
  const cases: EvalCase[] = [];
  for (const r of failed) {
    const label = labelOf.get(r.task_id);
    const id = `tau-retail/failed-${r.task_id}`;
    const spans = importRecord(r);
    let gold: EvalCase["gold"] = null;
    if (label !== undefined) {
      const root = label.failures.find((f) => f.failure_id === label.root_cause.failure_id) ?? label.failures[0]!;
      gold = {
        onset: { step: root.step_number },
        agent: root.failed_agent,
        errors: label.failures.map((f) => ({ step: f.step_number })),
        reason: root.step_reason,
      };
    }
    cases.push({ id, dataset: "tau-retail", framework: "tau-bench", split: splitOf(id), spans, outcome: "failed", gold });
  }
  full.forEach((r, k) => {
    if (r.reward < 1) return;
    const id = `tau-retail/success-${r.task_id}-${k}`;
    const spans = importRecord(r);
    cases.push({ id, dataset: "tau-retail", framework: "tau-bench", split: splitOf(id), spans, outcome: "succeeded", gold: null });
  });
  return cases;
}

/** One line of eval/real/labels-*.jsonl. */
export interface RealLabel {
  id: string;
  file: string;
  framework: string;
  split: "dev" | "test";
  outcome: "failed" | "succeeded";
  onset: ({ step?: number; message?: number; spanId?: string; agent?: string; reason?: string }) | null;
  errors?: (number | { step?: number; message?: number; spanId?: string })[];
}

/** A label's step reference in its normal form. */
export function ref(x: { step?: number; message?: number; spanId?: string } | number): StepRef | null {
  if (typeof x === "number") return { step: x };
  if (typeof x.step === "number") return { step: x.step };
  if (typeof x.message === "number") return { message: x.message };
  if (typeof x.spanId === "string") return { spanId: x.spanId };
  return null;
}

/** Every label of the team's hand-labelled real runs (eval/real/labels*.jsonl), in file order. */
export function readRealLabels(evalDir: string): RealLabel[] {
  const dir = join(evalDir, "real");
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => /^labels.*\.jsonl$/.test(f)).sort();
  return files.flatMap((f) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as RealLabel),
  );
}

/** A failed run's gold onset, agent and error steps from its label (null for successes), each reference passed through `mapRef`. */
export function goldOf(label: RealLabel, mapRef: (r: StepRef) => StepRef = (r) => r): EvalCase["gold"] {
  const onsetRef = label.onset === null ? null : ref(label.onset);
  if (label.outcome !== "failed" || onsetRef === null) return null;
  return {
    onset: mapRef(onsetRef),
    agent: label.onset?.agent ?? null,
    errors: (label.errors ?? []).map(ref).filter((r): r is StepRef => r !== null).map(mapRef),
    reason: label.onset?.reason ?? "",
  };
}

/** The team's hand-labelled third-party runs (eval/real/labels*.jsonl). */
export function loadRealDevSet(evalDir: string): { cases: EvalCase[]; problems: string[] } {
  const dir = join(evalDir, "real");
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  for (const label of readRealLabels(evalDir)) {
    try {
      const result = importArtifact(label.file, readFileSync(join(dir, label.file)));
      const run = result.runs[0];
      if (run === undefined) throw new Error("no run imported");
      cases.push({ id: label.id, dataset: "real", framework: label.framework, split: label.split, spans: run.spans, outcome: label.outcome, gold: goldOf(label) });
    } catch (err) {
      problems.push(`${label.id}: ${(err as Error).message}`);
    }
  }
  return { cases, problems };
}

/**
 * Scores the onset localizer. Headline: real third-party runs with human labels
 * (eval/tau-retail: τ-bench retail with AgentRx's labels; eval/real: the team's
 * hand-labelled dev set, dev and frozen test splits), beside the floors, with no verdict
 * (inferred) and with the labelled outcome given (scripts/eval-real/). Then, as a regression check only,
 * the simulated set written by the same hand as the localizer, with the
 * CodeTraceBench metric (per-run P/R/F1 of predicted vs gold incorrect step ids, F1 = 0
 * when either set is empty, macro-averaged) and the onset exact-hit rate, beside the
 * trivial floors docs/spec/failure-onset.md names: flag the last step, flag every step, flag the
 * first error (nonzero exit code or error status). Runs whose gold has no incorrect
 * step are scored apart: how often the localizer flags something anyway.
 *
 *   npx tsx packages/analysis/scripts/eval-onset.ts [--real-only] [--misses] [--by-framework] [--split dev|test|hand|all] [--kinds] [--json]
 *   npm run eval:onset -- --judge <baseUrl> --model <model> [--judge-key <key>] [--limit <n>]   (the LLM judge on the real dev sets)
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeRun } from "../src/analyze-run";
import { scoreRuns, type MetricSummary, type ScoredRun } from "../src/evaluation/codetrace-metric";
import { trajectoryToSpans, type EvalTrajectory } from "./eval-set/trajectory";
import { loadRealDevSet, loadTauRetail, type EvalCase } from "./eval-real/cases";
import { formatJudgeGroup, judgeEvalOptions, judgeGroup, type JudgeEvalOptions } from "./eval-real/judge-eval";
import { evaluateGroup, formatGroup, type GroupReport } from "./eval-real/report";
import { loadSmolagentsOpenInference } from "./eval-real/smolagents-openinference";

const here = dirname(fileURLToPath(import.meta.url));
const evalDir = join(here, "..", "eval");

/** Loads a split of the labelled set. */
export function loadSplit(split: "dev" | "test" | "hand"): EvalTrajectory[] {
  if (split === "hand") {
    const dir = join(evalDir, "hand");
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as EvalTrajectory);
  }
  return readFileSync(join(evalDir, "generated", `${split}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalTrajectory);
}

type Method = "onset" | "last step" | "every step" | "first error";
const METHODS: Method[] = ["onset", "last step", "every step", "first error"];

interface Evaluated {
  run: EvalTrajectory;
  scored: Record<Method, ScoredRun>;
  ms: number;
}

/** Runs the localizer and the floors on one trajectory. */
export function evaluate(run: EvalTrajectory): Evaluated {
  const { spans, stepIds } = trajectoryToSpans(run);
  const t0 = performance.now();
  const analysis = analyzeRun(spans);
  const ms = performance.now() - t0;
  const goldIncorrect = run.gold.incorrect.map((k) => stepIds[k]!);
  const goldOnset = run.gold.onset === null ? null : stepIds[run.gold.onset]!;
  const base = { id: run.id, goldIncorrect, goldOnset };
  const firstError = run.steps.findIndex((s) => s.calls.some((c) => (c.exit !== undefined && c.exit !== 0) || c.error !== undefined));
  const last = stepIds[stepIds.length - 1] ?? null;
  const predicted = analysis.labels.filter((l) => l.label === "incorrect").map((l) => l.stepId);
  return {
    run,
    ms,
    scored: {
      onset: { ...base, predictedIncorrect: predicted, predictedOnset: analysis.onset?.stepId ?? null },
      "last step": { ...base, predictedIncorrect: last ? [last] : [], predictedOnset: last },
      "every step": { ...base, predictedIncorrect: stepIds, predictedOnset: stepIds[0] ?? null },
      "first error": { ...base, predictedIncorrect: firstError >= 0 ? [stepIds[firstError]!] : [], predictedOnset: firstError >= 0 ? stepIds[firstError]! : null },
    },
  };
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(5);
}

function table(title: string, rows: [string, MetricSummary][]): string {
  const lines = [`${title}`, `  ${"method".padEnd(12)} runs  precision  recall     F1  onset-hit`];
  for (const [name, m] of rows) lines.push(`  ${name.padEnd(12)} ${String(m.runs).padStart(4)}  ${pct(m.precision)}%    ${pct(m.recall)}%  ${pct(m.f1)}%  ${pct(m.onsetHitRate)}%`);
  return lines.join("\n");
}

/** Scores the real labelled sets; returns the reports (printed unless --json). */
export function realReport(args: readonly string[]): GroupReport[] {
  const tau = loadTauRetail(evalDir);
  const { cases: real, problems } = loadRealDevSet(evalDir);
  const groups: [string, EvalCase[]][] = [["τ-bench retail (AgentRx labels)", tau]];
  const frameworks = [...new Set(real.map((c) => c.framework))].sort();
  if (real.length > 0) {
    groups.push([`real dev set, dev split (${frameworks.join(", ")})`, real.filter((c) => c.split === "dev")]);
    groups.push(["real dev set, frozen test split", real.filter((c) => c.split === "test")]);
  }
  const smol = loadSmolagentsOpenInference(evalDir);
  problems.push(...smol.problems);
  if (smol.cases.length > 0) groups.push(["real smolagents runs re-sent as OpenInference OTLP (dev split)", smol.cases.filter((c) => c.split === "dev")]);
  const reports: GroupReport[] = [];
  for (const [name, cases] of groups) {
    for (const mode of ["no verdict", "verdict given"] as const) {
      const r = evaluateGroup(name, cases, mode);
      reports.push(r);
      if (args.includes("--json")) continue;
      console.log(formatGroup(r));
      if (args.includes("--misses")) for (const m of r.misses) console.log(`    miss ${m.id}: gold ${m.gold}, got ${m.got}`);
      console.log("");
    }
  }
  if (args.includes("--by-framework") && !args.includes("--json")) {
    for (const fw of frameworks) {
      for (const mode of ["no verdict", "verdict given"] as const) {
        const r = evaluateGroup(`real dev set, ${fw} (both splits)`, real.filter((c) => c.framework === fw), mode);
        console.log(formatGroup(r));
        if (args.includes("--misses")) for (const m of r.misses) console.log(`    miss ${m.id}: gold ${m.gold}, got ${m.got}`);
        console.log("");
      }
    }
  }
  for (const p of problems) console.error(`could not load ${p}`);
  return reports;
}

/** --judge: the LLM judge on τ-bench retail and the real dev split, beside the deterministic onset. */
async function judgeReport(opts: JudgeEvalOptions, json: boolean): Promise<void> {
  const { cases: real, problems } = loadRealDevSet(evalDir);
  for (const p of problems) console.error(`could not load ${p}`);
  const groups: [string, EvalCase[]][] = [
    ["τ-bench retail (AgentRx labels)", loadTauRetail(evalDir)],
    ["real dev set, dev split", real.filter((c) => c.split === "dev")],
  ];
  const reports = [];
  for (const [name, cases] of groups) {
    const r = await judgeGroup(name, cases, opts, fetch);
    reports.push(r);
    if (!json) console.log(`${formatJudgeGroup(r)}\n`);
  }
  if (json) console.log(JSON.stringify(reports, null, 2));
}

function main(): void {
  const args = process.argv.slice(2);
  const judge = judgeEvalOptions(args);
  if (judge) {
    judgeReport(judge, args.includes("--json")).catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
    return;
  }
  const real = realReport(args);
  if (args.includes("--real-only")) {
    if (args.includes("--json")) console.log(JSON.stringify(real, null, 2));
    return;
  }
  console.log("Simulated set (written by the same hand as the localizer: a regression check, not a measure of accuracy)\n");
  const splitArg = args.includes("--split") ? args[args.indexOf("--split") + 1]! : "all";
  const splits = (splitArg === "all" ? ["dev", "test", "hand"] : [splitArg]) as ("dev" | "test" | "hand")[];
  const json: Record<string, unknown> = {};
  for (const split of splits) {
    const evaluated = loadSplit(split).map(evaluate);
    const labelled = evaluated.filter((e) => e.run.gold.incorrect.length > 0);
    const clean = evaluated.filter((e) => e.run.gold.incorrect.length === 0);
    const summaries = METHODS.map((m) => [m, scoreRuns(labelled.map((e) => e.scored[m]))] as [string, MetricSummary]);
    const falseAlarms = clean.filter((e) => e.scored.onset.predictedIncorrect.length > 0).length;
    const steps = evaluated.reduce((a, e) => a + e.run.steps.length, 0);
    const ms = evaluated.reduce((a, e) => a + e.ms, 0);
    json[split] = { runs: evaluated.length, labelled: labelled.length, clean: clean.length, falseAlarms, summaries: Object.fromEntries(summaries.map(([n, s]) => [n, { ...s, perRun: undefined }])) };
    if (args.includes("--json")) continue;
    console.log(table(`split "${split}": ${evaluated.length} runs (${labelled.length} with gold incorrect steps), ${steps} steps, analyzed in ${ms.toFixed(0)} ms`, summaries));
    console.log(`  runs without gold incorrect steps: ${clean.length}; localizer flagged a step in ${falseAlarms} of them`);
    if (args.includes("--kinds")) {
      const kinds = [...new Set(labelled.map((e) => `${e.run.shape}/${e.run.failureKind}`))].sort();
      for (const k of kinds) {
        const subset = labelled.filter((e) => `${e.run.shape}/${e.run.failureKind}` === k);
        const m = scoreRuns(subset.map((e) => e.scored.onset));
        const fe = scoreRuns(subset.map((e) => e.scored["first error"]));
        console.log(`    ${k.padEnd(32)} n=${String(subset.length).padStart(2)}  F1 ${pct(m.f1)}%  onset ${pct(m.onsetHitRate)}%   (first-error F1 ${pct(fe.f1)}%)`);
      }
    }
    console.log("");
  }
  if (args.includes("--json")) console.log(JSON.stringify(json, null, 2));
}

if (process.argv[1]?.endsWith("eval-onset.ts")) main();

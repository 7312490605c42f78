/**
 * Scores the optional LLM judge on the real labelled dev sets (τ-bench retail and the
 * real dev split; the frozen test split is left alone): each labelled failure analyzed
 * with its verdict given, then judged, and the deterministic onset and the judge's pick
 * scored with the same metric side by side, with the judge's tokens, cost and failures.
 *
 *   npm run eval:onset -- --judge <baseUrl> --model <model> [--judge-key <key>] [--judge-timeout <ms>] [--judge-budget <tokens>] [--limit <n>]
 */
import { analyzeRun } from "../../src/analyze-run";
import { judgeOnset } from "../../src/judge/judge-onset";
import type { FetchLike } from "../../src/judge/judge-config";
import { withoutVerdict, type EvalCase } from "./cases";
import { meanScore, scoreFailedCase, type CaseScore } from "./score";

/** What --judge asks for. */
export interface JudgeEvalOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  promptTokenBudget: number;
  /** Most runs judged per group (cost control). */
  limit: number;
}

/** The judge's figures on one group. */
export interface JudgeGroupReport {
  group: string;
  judged: number;
  deterministic: CaseScore;
  judge: CaseScore;
  statuses: Record<"applied" | "kept" | "failed", number>;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  failures: string[];
}

/** Reads the --judge options from the command line; null without --judge. */
export function judgeEvalOptions(args: readonly string[]): JudgeEvalOptions | null {
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const baseUrl = value("--judge");
  if (!baseUrl) return null;
  const model = value("--model");
  if (!model) throw new Error("--judge needs --model <model>");
  return {
    baseUrl,
    model,
    apiKey: value("--judge-key") ?? process.env.ONSET_JUDGE_API_KEY,
    timeoutMs: Number(value("--judge-timeout") ?? 60_000),
    promptTokenBudget: Number(value("--judge-budget") ?? 8000),
    limit: Number(value("--limit") ?? Number.MAX_SAFE_INTEGER),
  };
}

/** Judges one group's labelled failures, one at a time. */
export async function judgeGroup(group: string, cases: readonly EvalCase[], opts: JudgeEvalOptions, fetchFn: FetchLike): Promise<JudgeGroupReport> {
  const det: CaseScore[] = [];
  const jud: CaseScore[] = [];
  const statuses = { applied: 0, kept: 0, failed: 0 };
  let promptTokens = 0;
  let completionTokens = 0;
  let costUsd = 0;
  const failures: string[] = [];
  for (const c of cases.filter((x) => x.outcome === "failed" && x.gold !== null).slice(0, opts.limit)) {
    const spans = withoutVerdict(c.spans);
    const analysis = analyzeRun(spans, { outcome: "failed" });
    const before = scoreFailedCase(c, analysis);
    if (before === null) continue;
    const judged = await judgeOnset(analysis, { baseUrl: opts.baseUrl, model: opts.model, apiKey: opts.apiKey, timeoutMs: opts.timeoutMs, promptTokenBudget: opts.promptTokenBudget }, fetchFn, spans);
    const after = scoreFailedCase(c, judged) ?? before;
    det.push(before.onset);
    jud.push(after.onset);
    const r = judged.judge!;
    statuses[r.status]++;
    promptTokens += r.promptTokens;
    completionTokens += r.completionTokens;
    costUsd += r.costUsd;
    if (r.status === "failed") failures.push(`${c.id}: ${r.note}`);
  }
  return { group, judged: det.length, deterministic: meanScore(det), judge: meanScore(jud), statuses, promptTokens, completionTokens, costUsd, failures };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`.padStart(7);
}

/** The report as text. */
export function formatJudgeGroup(r: JudgeGroupReport): string {
  const lines = [`${r.group} — LLM judge: ${r.judged} labelled failures judged (${r.statuses.applied} moved, ${r.statuses.kept} kept, ${r.statuses.failed} failed)`];
  lines.push(`  ${"method".padEnd(17)} answered   exact     ±1      ±3   agent  in-errors  step-F1`);
  for (const [name, s] of [["deterministic", r.deterministic], ["with the judge", r.judge]] as const) {
    lines.push(`  ${name.padEnd(17)} ${pct(s.answered)} ${pct(s.exact)} ${pct(s.within1)} ${pct(s.within3)} ${pct(s.agent)} ${pct(s.inErrors)} ${pct(s.f1)}`);
  }
  lines.push(`  judge tokens: ${r.promptTokens} prompt + ${r.completionTokens} completion; cost $${r.costUsd.toFixed(4)}`);
  for (const f of r.failures.slice(0, 10)) lines.push(`    failed ${f}`);
  return lines.join("\n");
}

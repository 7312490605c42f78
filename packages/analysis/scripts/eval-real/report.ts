/**
 * Prints the real-data evaluation: per dataset and split, the localizer beside the
 * floors on labelled failures, and false alarms on successes — once with every verdict
 * removed (the analyzer must infer whether the run failed) and once with the labelled
 * outcome given, as a user's "Mark failed" / "Mark succeeded" would give it.
 */
import { analyzeRun } from "../../src/analyze-run";
import { withoutVerdict, type EvalCase } from "./cases";
import { METHODS, meanScore, scoreFailedCase, type CaseScore, type Method } from "./score";

/** Figures of one group of runs under one verdict mode. */
export interface GroupReport {
  group: string;
  mode: "verdict given" | "no verdict";
  failed: number;
  scored: number;
  methods: Record<Method, CaseScore>;
  successes: number;
  falseAlarms: number;
  ms: number;
  misses: { id: string; gold: string; got: string }[];
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`.padStart(7);
}

/** Evaluates a group of cases under one verdict mode. */
export function evaluateGroup(group: string, cases: readonly EvalCase[], mode: GroupReport["mode"]): GroupReport {
  const per: Record<Method, CaseScore[]> = Object.fromEntries(METHODS.map((m) => [m, []])) as unknown as Record<Method, CaseScore[]>;
  let falseAlarms = 0;
  let successes = 0;
  let failed = 0;
  let ms = 0;
  const misses: GroupReport["misses"] = [];
  for (const c of cases) {
    const spans = withoutVerdict(c.spans);
    const t0 = performance.now();
    const a = analyzeRun(spans, mode === "verdict given" ? { outcome: c.outcome } : {});
    ms += performance.now() - t0;
    if (c.outcome === "succeeded") {
      successes++;
      if (a.onset !== null) falseAlarms++;
      continue;
    }
    failed++;
    const s = scoreFailedCase(c, a);
    if (s === null) continue;
    for (const m of METHODS) per[m].push(s[m]);
    if (s.onset.exact === 0) {
      const step = a.onset === null ? null : a.steps.find((x) => x.id === a.onset!.stepId);
      misses.push({ id: c.id, gold: JSON.stringify(c.gold!.onset), got: step ? `step ${step.sourceIndex ?? step.index} (${a.onset!.evidence[0]?.kind ?? "?"})` : "no onset" });
    }
  }
  const methods = Object.fromEntries(METHODS.map((m) => [m, meanScore(per[m])])) as Record<Method, CaseScore>;
  return { group, mode, failed, scored: per.onset.length, methods, successes, falseAlarms, ms, misses };
}

/** The report as text. */
export function formatGroup(r: GroupReport): string {
  const lines = [`${r.group} — ${r.mode}: ${r.scored} labelled failures scored (of ${r.failed}), ${r.successes} successes; analyzed in ${r.ms.toFixed(0)} ms`];
  if (r.scored > 0) {
    lines.push(`  ${"method".padEnd(17)} answered   exact     ±1      ±3   agent  in-errors  step-F1`);
    for (const m of METHODS) {
      const s = r.methods[m];
      lines.push(`  ${m.padEnd(17)} ${pct(s.answered)} ${pct(s.exact)} ${pct(s.within1)} ${pct(s.within3)} ${pct(s.agent)} ${pct(s.inErrors)} ${pct(s.f1)}`);
    }
    const o = r.methods.onset;
    const precision = o.answered === 0 ? 0 : o.exact / o.answered;
    lines.push(`  location: precision ${pct(precision).trim()} (exact / answered), recall ${pct(o.exact).trim()} (exact / labelled)`);
  }
  if (r.successes > 0) lines.push(`  successes with an onset (false alarms): ${r.falseAlarms} of ${r.successes} (${pct(r.falseAlarms / r.successes).trim()})`);
  return lines.join("\n");
}

/**
 * Loop rules over the streaming detector's findings: a rule measures each finding by
 * repeats, wasted cost or wasted tokens (config.measure), optionally only some loop
 * kinds (config.loopKinds), and fires on the largest once it reaches the threshold. The
 * event points at the loop's onset span (its first repeat: docs/spec/failure-onset.md).
 */
import type { LoopFinding } from "@onset/analysis";
import type { AlertRuleRow, TouchedTrace } from "@onset/db";
import { loopMeasureOf, type LoopMeasure } from "./rule-kinds";
import { runLabel, type RunHit } from "./run-rules";
import { clipText, formatUsd } from "./value-format";

/** A finding's size in a measure. */
export function measureLoop(f: LoopFinding, measure: LoopMeasure): number {
  return measure === "wasted_cost_usd" ? f.wastedCostUsd : measure === "wasted_tokens" ? f.wastedTokens : f.count;
}

/** The loop rules that a run's findings reach. */
export function loopRuleHits(rules: readonly AlertRuleRow[], trace: TouchedTrace, findings: readonly LoopFinding[]): RunHit[] {
  const hits: RunHit[] = [];
  for (const rule of rules) {
    if (rule.kind !== "loop") continue;
    const measure = loopMeasureOf(rule.config);
    const kinds = Array.isArray(rule.config.loopKinds) ? (rule.config.loopKinds as string[]) : null;
    let best: LoopFinding | undefined;
    for (const f of findings) {
      if (kinds && !kinds.includes(f.kind)) continue;
      if (!best || measureLoop(f, measure) > measureLoop(best, measure)) best = f;
    }
    if (!best) continue;
    const value = measureLoop(best, measure);
    if (value < rule.threshold) continue;
    const what = clipText(best.evidence[0]?.text ?? `${best.kind}: ${best.signature}`, 300);
    hits.push({
      rule,
      trace,
      value,
      spanId: best.onsetSpanId,
      message: `Loop in run ${runLabel(trace)}: ${what} (wasted ${best.wastedTokens.toLocaleString("en-US")} tokens, ${formatUsd(best.wastedCostUsd)}).`,
      details: {
        measure,
        loop: {
          id: best.id,
          kind: best.kind,
          signature: clipText(best.signature, 300),
          count: best.count,
          period: best.period,
          onsetSpanId: best.onsetSpanId,
          spanIds: best.spanIds.slice(0, 50),
          wastedTokens: best.wastedTokens,
          wastedCostUsd: best.wastedCostUsd,
          confidence: best.confidence,
        },
      },
    });
  }
  return hits;
}

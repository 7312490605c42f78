/**
 * Chart data for the run page's cost tab. Normalized usage is inclusive (input counts
 * cache reads and writes; output counts reasoning: packages/otlp normalize/usage.ts),
 * so the stacked token bars split each total into disjoint parts that add up to
 * input + output.
 */
import type { BreakdownRow, StepBreakdownRow, TokenTotals } from "@onset/analysis";
import { SERIES } from "./chart-theme";

/** Disjoint token parts of a total. */
export interface TokenSplit {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

/** One bar of a cost/tokens chart. */
export interface CostDatum extends TokenSplit {
  key: string;
  costUsd: number;
  calls: number | null;
  errors: number | null;
}

/** The series of the stacked token chart, bottom to top, with their legend names and colours. */
export const TOKEN_SERIES: readonly { key: keyof TokenSplit; name: string; color: string }[] = [
  { key: "input", name: "input (uncached)", color: SERIES.tokenInput },
  { key: "cacheRead", name: "cache read", color: SERIES.tokenCacheRead },
  { key: "cacheWrite", name: "cache write", color: SERIES.tokenCacheWrite },
  { key: "output", name: "output", color: SERIES.tokenOutput },
  { key: "reasoning", name: "reasoning", color: SERIES.tokenReasoning },
];

/** Splits inclusive totals into disjoint parts (never negative, whatever a sender reported). */
export function splitTokens(t: TokenTotals): TokenSplit {
  const cacheRead = Math.max(0, t.cacheRead);
  const cacheWrite = Math.max(0, t.cacheWrite);
  const reasoning = Math.max(0, Math.min(t.reasoning, t.output));
  return {
    input: Math.max(0, t.input - cacheRead - cacheWrite),
    cacheRead,
    cacheWrite,
    output: Math.max(0, t.output - reasoning),
    reasoning,
  };
}

/** Bars for a by-model/agent/tool breakdown, dearest first, at most `limit` (the rest summed as "other"). */
export function costData(rows: readonly BreakdownRow[], limit = 12): CostDatum[] {
  const sorted = [...rows].sort((a, b) => b.costUsd - a.costUsd || total(b.tokens) - total(a.tokens) || (a.key < b.key ? -1 : 1));
  const data = sorted.slice(0, limit).map((r) => ({ key: r.key, costUsd: r.costUsd, calls: r.calls, errors: r.errors, ...splitTokens(r.tokens) }));
  const rest = sorted.slice(limit);
  if (rest.length > 0) {
    const t = sumTokens(rest);
    data.push({
      key: `${rest.length} more`,
      costUsd: rest.reduce((s, r) => s + r.costUsd, 0),
      calls: rest.reduce((s, r) => s + r.calls, 0),
      errors: rest.reduce((s, r) => s + r.errors, 0),
      ...splitTokens(t),
    });
  }
  return data;
}

/** Bars per step in run order (label "#n agent"), thinned to at most `limit` bars by summing neighbours. */
export function stepCostData(rows: readonly StepBreakdownRow[], limit = 120): CostDatum[] {
  const ordered = [...rows].sort((a, b) => a.stepIndex - b.stepIndex);
  const per = Math.max(1, Math.ceil(ordered.length / limit));
  const data: CostDatum[] = [];
  for (let i = 0; i < ordered.length; i += per) {
    const chunk = ordered.slice(i, i + per);
    const first = chunk[0]!;
    const last = chunk[chunk.length - 1]!;
    const t = sumTokens(chunk);
    data.push({
      key: per === 1 ? `#${first.stepIndex + 1} ${first.agentName}` : `#${first.stepIndex + 1}–${last.stepIndex + 1}`,
      costUsd: chunk.reduce((s, r) => s + r.costUsd, 0),
      calls: null,
      errors: null,
      ...splitTokens(t),
    });
  }
  return data;
}

function sumTokens(rows: readonly { tokens: TokenTotals }[]): TokenTotals {
  const t: TokenTotals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  for (const r of rows) {
    t.input += r.tokens.input;
    t.output += r.tokens.output;
    t.cacheRead += r.tokens.cacheRead;
    t.cacheWrite += r.tokens.cacheWrite;
    t.reasoning += r.tokens.reasoning;
  }
  return t;
}

function total(t: TokenTotals): number {
  return t.input + t.output;
}

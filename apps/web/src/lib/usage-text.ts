/**
 * Token and cost totals that stay honest when some LLM calls reported no usage: a total
 * missing calls is a lower bound ("≥ $0.0012"), and a total with no reported usage at
 * all is unknown, never "0 tokens, $0" (issue 16: unknown is not zero).
 */
import { formatCost, formatTokens } from "./format";

/** The totals a run (or a dashboard range) carries, with its count of LLM calls without usage. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  llmSpansWithoutUsage: number;
}

/** Whether nothing of the usage is known: some LLM calls without usage and none with tokens. */
export function usageUnknown(t: UsageTotals): boolean {
  return t.llmSpansWithoutUsage > 0 && t.inputTokens + t.outputTokens === 0;
}

/** "220 / 32", "≥ 220 / ≥ 32" when calls without usage are left out, or "unknown". */
export function tokensText(t: UsageTotals): string {
  if (usageUnknown(t)) return "unknown";
  const atLeast = t.llmSpansWithoutUsage > 0 ? "≥ " : "";
  return `${atLeast}${formatTokens(t.inputTokens)} / ${atLeast}${formatTokens(t.outputTokens)}`;
}

/** Total tokens in and out: "252", "≥ 252" or "unknown". */
export function totalTokensText(t: UsageTotals): string {
  if (usageUnknown(t)) return "unknown";
  return `${t.llmSpansWithoutUsage > 0 ? "≥ " : ""}${formatTokens(t.inputTokens + t.outputTokens)}`;
}

/** "$0.0012", "≥ $0.0012" when calls without usage are left out, or "unknown". */
export function costText(t: UsageTotals): string {
  if (usageUnknown(t)) return "unknown";
  return `${t.llmSpansWithoutUsage > 0 ? "≥ " : ""}${formatCost(t.costUsd)}`;
}

/** "2 LLM calls without usage", or null when every call reported it. */
export function withoutUsageNote(n: number): string | null {
  return n > 0 ? `${n} LLM call${n === 1 ? "" : "s"} without usage` : null;
}

/** Applies the price table to spans that did not report their own cost. */
import type { NormalizedSpan } from "@onset/otlp";
import { costOf, hasTokens, type PriceTable } from "../pricing/price-table";
import { int4 } from "./span-columns";

/**
 * Spans with a computed cost where a price exists; a reported cost wins and is kept.
 * Unpriced spans keep costUsd null (counted as unpriced, never $0). Returns new objects
 * only for the spans it prices.
 */
export function priceSpans(table: PriceTable, projectId: string, spans: NormalizedSpan[]): NormalizedSpan[] {
  return spans.map((s) => priceSpan(table, projectId, s));
}

/** `s` with its computed cost (a new object), or `s` itself when it reported one or has no price. */
export function priceSpan(table: PriceTable, projectId: string, s: NormalizedSpan): NormalizedSpan {
  if (s.costSource === "reported" || s.costUsd !== null || !s.model || !hasTokens(s.usage)) return s;
  // Counts the store cannot hold are stored as unknown (span-columns int4); pricing
  // them would put a cost on tokens the run does not show.
  if (!storableUsage(s.usage)) return s;
  const price = table.find(projectId, s.model, s.startTimeMs, s.provider);
  if (!price) return s;
  return { ...s, costUsd: costOf(s.usage, price), costSource: "computed" as const };
}

function storableUsage(u: NormalizedSpan["usage"]): boolean {
  return [u.input, u.output, u.cacheRead, u.cacheWrite, u.reasoning].every((v) => v === null || int4(v) !== null);
}

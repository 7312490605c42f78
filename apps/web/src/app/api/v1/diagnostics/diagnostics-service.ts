/**
 * Mapping diagnostics per instrumentation scope (docs/spec/design.md §3.2): which mapper understood
 * each library's spans, LLM spans that came without token usage, models that have no
 * price, and attribute keys no mapper reads. The mapper registry's own diagnostics
 * (@onset/otlp mappingDiagnostics) run over a bounded sample of the project's most recent
 * runs (loadDiagnosticsSample), so the page costs the same however much is stored.
 */
import { loadDiagnosticsSample, type Pool } from "@onset/db";
import { mappingDiagnostics, type NormalizedSpan } from "@onset/otlp";
import type { DiagnosticsResponse, ScopeDiagnostics } from "@/contracts/diagnostics";

/** Most unconsumed keys listed per scope (the rest are the long tail of one library). */
const MAX_KEYS = 50;

/** Spans with tokens but no cost, counted per model. */
function unpricedModels(spans: readonly NormalizedSpan[]): { model: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const s of spans) {
    if (!s.model || s.costUsd !== null) continue;
    if ((s.usage.input ?? 0) + (s.usage.output ?? 0) <= 0) continue;
    counts.set(s.model, (counts.get(s.model) ?? 0) + 1);
  }
  return [...counts].map(([model, count]) => ({ model, count })).sort((a, b) => b.count - a.count || a.model.localeCompare(b.model));
}

/** Diagnostics of spans already loaded (pure: the part of the service tests can drive directly). */
export function diagnoseSpans(spans: readonly NormalizedSpan[]): ScopeDiagnostics[] {
  const byScope = new Map<string, NormalizedSpan[]>();
  for (const s of spans) {
    const key = `${s.scopeName ?? ""}\u0000${s.scopeVersion ?? ""}`;
    const list = byScope.get(key);
    if (list) list.push(s);
    else byScope.set(key, [s]);
  }
  return mappingDiagnostics(spans).map((d) => ({
    ...d,
    unconsumedKeys: d.unconsumedKeys.slice(0, MAX_KEYS),
    unpricedModels: unpricedModels(byScope.get(`${d.scopeName ?? ""}\u0000${d.scopeVersion ?? ""}`) ?? []),
  }));
}

/** Diagnostics of the project's most recent runs (at most `maxRuns` runs, 5000 spans). */
export async function projectDiagnostics(pool: Pool, projectId: string, maxRuns?: number): Promise<DiagnosticsResponse> {
  const sample = await loadDiagnosticsSample(pool, projectId, { maxRuns, maxSpans: 5000 });
  return {
    sample: { runs: sample.runs, spans: sample.spans.length, from: sample.from, to: sample.to, truncated: sample.truncated },
    scopes: diagnoseSpans(sample.spans),
  };
}

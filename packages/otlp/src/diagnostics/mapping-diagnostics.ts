import type { NormalizedSpan, SpanType } from "../normalized-span";
import { isRecord, jsonAttr } from "../normalize/attribute-values";
import type { SpanMapper } from "../normalize/mapper";
import { DEFAULT_MAPPERS } from "../normalize/registry";

/** How well the mappers understood one instrumentation scope's spans. */
export interface ScopeMappingDiagnostics {
  scopeName: string | null;
  scopeVersion: string | null;
  spanCount: number;
  /** Mapper name -> spans it claimed, with share of the scope's spans (0..1), most first. */
  mappers: { name: string; count: number; share: number }[];
  /** Span count per type. */
  types: Partial<Record<SpanType, number>>;
  /** LLM spans that carried neither input nor output token counts. */
  llmSpansWithoutUsage: { count: number; sampleSpanIds: string[] };
  /** Models seen, most frequent first. */
  models: { model: string; count: number }[];
  /**
   * Attribute keys no detecting mapper consumes, most frequent first. Numeric path
   * segments are folded to "*" (gen_ai.prompt.0.role -> gen_ai.prompt.*.role). A JSON
   * object a mapper reads field by field (SpanMapper.readsFieldsOf) is listed by field:
   * metadata.ls_temperature.
   */
  unconsumedKeys: { key: string; count: number }[];
}

const SAMPLE_SIZE = 5;

function foldIndexes(key: string): string {
  return key.replace(/\.\d+(?=\.|$)/g, ".*");
}

function sortedCounts(counts: Map<string, number>): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The span's attribute keys as the detecting mappers read them: objects read field by field as `key.field`. */
function readableKeys(span: NormalizedSpan, detecting: readonly SpanMapper[]): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(span.attributes)) {
    const value = detecting.some((m) => m.readsFieldsOf?.includes(key)) ? jsonAttr(span.attributes, key) : undefined;
    if (isRecord(value)) for (const field of Object.keys(value)) keys.push(`${key}.${field}`);
    else keys.push(key);
  }
  return keys;
}

/**
 * Mapping diagnostics per instrumentation scope (pure): which mapper claimed each
 * span, LLM spans missing token usage, models seen, and attribute keys that no
 * mapper detecting the span says it consumes (SpanMapper.consumes) — the list to
 * read when adding support for a new library.
 */
export function mappingDiagnostics(
  spans: readonly NormalizedSpan[],
  mappers: readonly SpanMapper[] = DEFAULT_MAPPERS,
): ScopeMappingDiagnostics[] {
  const groups = new Map<string, NormalizedSpan[]>();
  for (const span of spans) {
    const key = `${span.scopeName ?? ""}\u0000${span.scopeVersion ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(span);
    else groups.set(key, [span]);
  }
  const out: ScopeMappingDiagnostics[] = [];
  for (const group of groups.values()) {
    const first = group[0] as NormalizedSpan;
    const byMapper = new Map<string, number>();
    const models = new Map<string, number>();
    const unconsumed = new Map<string, number>();
    const types: Partial<Record<SpanType, number>> = {};
    const withoutUsage: string[] = [];
    let withoutUsageCount = 0;
    for (const span of group) {
      bump(byMapper, span.mapper);
      types[span.type] = (types[span.type] ?? 0) + 1;
      if (span.model) bump(models, span.model);
      if (span.type === "llm" && span.usage.input === null && span.usage.output === null) {
        withoutUsageCount++;
        if (withoutUsage.length < SAMPLE_SIZE) withoutUsage.push(span.spanId);
      }
      const detecting = mappers.filter((m) => m.detect(span));
      const seen = new Set<string>();
      for (const key of readableKeys(span, detecting)) {
        if (detecting.some((m) => m.consumes(key))) continue;
        const folded = foldIndexes(key);
        if (!seen.has(folded)) {
          seen.add(folded);
          bump(unconsumed, folded);
        }
      }
    }
    out.push({
      scopeName: first.scopeName,
      scopeVersion: first.scopeVersion,
      spanCount: group.length,
      mappers: sortedCounts(byMapper).map(([name, count]) => ({ name, count, share: count / group.length })),
      types,
      llmSpansWithoutUsage: { count: withoutUsageCount, sampleSpanIds: withoutUsage },
      models: sortedCounts(models).map(([model, count]) => ({ model, count })),
      unconsumedKeys: sortedCounts(unconsumed).map(([key, count]) => ({ key, count })),
    });
  }
  return out.sort((a, b) => b.spanCount - a.spanCount);
}

/**
 * In-memory price table: picks the price row for a span's model at the span's time
 * (project overrides first, then the seeded table in its own priority order) and
 * computes the cost. Pure: loading the rows is the repository's job.
 */
import type { TokenUsage } from "@onset/otlp";
import { compileModelPattern, normalizeModelName, type ModelMatcher } from "./model-pattern";

/** A price row as stored in model_prices (USD per million tokens). */
export interface PriceRow {
  id: string;
  projectId: string | null;
  provider: string | null;
  modelPattern: string;
  modelName: string;
  inputPerMtok: number;
  outputPerMtok: number;
  cacheReadPerMtok: number | null;
  cacheWritePerMtok: number | null;
  reasoningPerMtok: number | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  priority: number;
}

interface CompiledRow extends PriceRow {
  re: ModelMatcher | null;
}

/** Price lookup over a snapshot of model_prices. */
export class PriceTable {
  private readonly global: CompiledRow[];
  private readonly byProject = new Map<string, CompiledRow[]>();
  private readonly cache = new Map<string, CompiledRow[]>();

  constructor(rows: PriceRow[]) {
    const compiled = rows
      // Global rows are the bundled price data (only the seed writes them); project rows
      // are user input and get the linear-time engine only (model-pattern.ts).
      .map((r) => ({ ...r, re: compileModelPattern(r.modelPattern, r.projectId === null) }))
      .sort((a, b) => a.priority - b.priority);
    this.global = compiled.filter((r) => r.projectId === null);
    for (const r of compiled) {
      if (r.projectId === null) continue;
      const list = this.byProject.get(r.projectId) ?? [];
      list.push(r);
      this.byProject.set(r.projectId, list);
    }
  }

  /** Number of rows loaded. */
  get size(): number {
    let n = this.global.length;
    for (const l of this.byProject.values()) n += l.length;
    return n;
  }

  /** The row pricing `model` for `projectId` at `timeMs`, or null when unpriced. */
  find(projectId: string, model: string, timeMs: number, provider?: string | null): PriceRow | null {
    const name = normalizeModelName(model);
    const candidates = this.candidates(projectId, name);
    // Prefer a row of the span's own provider; fall back to any provider's. Plain loops,
    // no closures: this runs for every priced span (docs/benchmarks.md, "Ingestion").
    const p = provider?.toLowerCase();
    if (p) for (const r of candidates) if (effectiveAt(r, timeMs) && r.provider?.toLowerCase() === p) return r;
    for (const r of candidates) if (effectiveAt(r, timeMs)) return r;
    return null;
  }

  private candidates(projectId: string, name: string): CompiledRow[] {
    const key = `${projectId}\u0000${name}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const test = (r: CompiledRow) => r.re !== null && r.re.test(name);
      hit = [...(this.byProject.get(projectId) ?? []).filter(test), ...this.global.filter(test)];
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/** True when `r` is in effect at `timeMs`. */
function effectiveAt(r: PriceRow, timeMs: number): boolean {
  return r.effectiveFrom.getTime() <= timeMs && (r.effectiveTo === null || r.effectiveTo.getTime() > timeMs);
}

/**
 * Cost in USD of `usage` at `price`. Input tokens are taken to include cached reads and
 * writes (the OTel GenAI convention, which @onset/otlp normalizes every library to), so
 * they are priced at the input rate only for the uncached remainder. Reasoning tokens
 * are part of output tokens unless the model has its own reasoning rate.
 */
export function costOf(usage: TokenUsage, price: PriceRow): number {
  const input = usage.input ?? 0;
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  const output = usage.output ?? 0;
  const reasoning = usage.reasoning ?? 0;
  const uncached = Math.max(0, input - cacheRead - cacheWrite);
  let usd =
    uncached * price.inputPerMtok +
    cacheRead * (price.cacheReadPerMtok ?? price.inputPerMtok) +
    cacheWrite * (price.cacheWritePerMtok ?? price.inputPerMtok);
  if (price.reasoningPerMtok !== null) {
    usd += Math.max(0, output - reasoning) * price.outputPerMtok + reasoning * price.reasoningPerMtok;
  } else {
    usd += output * price.outputPerMtok;
  }
  return usd / 1_000_000;
}

/** True when a usage has any token count worth pricing. */
export function hasTokens(usage: TokenUsage): boolean {
  return (usage.input ?? 0) + (usage.output ?? 0) + (usage.cacheRead ?? 0) + (usage.cacheWrite ?? 0) > 0;
}

/**
 * The ingest service the collector (and importers) write through: prices spans from the
 * in-memory price table, hands them to the group-commit writer, and keeps partitions
 * and prices fresh and applies retention in the background.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { Pool } from "pg";
import { PriceTable } from "../pricing/price-table";
import { loadPriceRows } from "../repositories/prices";
import { applyRetention } from "../repositories/retention";
import { ensureSpanPartitions } from "../repositories/span-partitions";
import { priceSpans } from "./span-pricing";
import { SpanWriter, type SpanWriterOptions, type WriteResult, type WriteTiming } from "./span-writer";

/** Options of {@link SpanIngest}. */
export interface SpanIngestOptions extends SpanWriterOptions {
  /** How often prices are reloaded (overrides made in the UI apply after this). */
  priceRefreshMs?: number;
  /** How often retention runs (repositories/retention.ts); hourly by default; null: not here (a worker's job runs it). */
  retentionIntervalMs?: number | null;
  log?: (msg: string) => void;
}

/** Prices and stores spans; `write` resolves after commit. */
export class SpanIngest {
  private prices = new PriceTable([]);
  private readonly writer: SpanWriter;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly pool: Pool, private readonly opts: SpanIngestOptions = {}) {
    this.writer = new SpanWriter(pool, opts);
  }

  /** Loads prices and creates partitions; call once before writing. */
  async start(): Promise<void> {
    await ensureSpanPartitions(this.pool, new Date(), 1, 2, this.opts.log);
    await this.reloadPrices();
    const every = (ms: number, f: () => Promise<unknown>) => {
      const t = setInterval(() => void f().catch((e) => this.opts.log?.(`background task failed: ${(e as Error).message}`)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.priceRefreshMs ?? 30_000, () => this.reloadPrices());
    every(6 * 3600_000, () => ensureSpanPartitions(this.pool, new Date(), 1, 2, this.opts.log));
    // Expired runs and months (per-project retention); the pass is cheap when nothing expired.
    if (this.opts.retentionIntervalMs !== null) {
      every(this.opts.retentionIntervalMs ?? 3600_000, () => applyRetention(this.pool, new Date(), this.opts.log));
    }
  }

  /** Re-reads model_prices. */
  async reloadPrices(): Promise<void> {
    this.prices = new PriceTable(await loadPriceRows(this.pool));
  }

  /** Spans waiting to be committed. */
  get backlog(): number {
    return this.writer.backlog;
  }

  /** Prices and stores `spans` for `projectId`; resolves once committed (filling in `timing` if given). */
  write(projectId: string, spans: NormalizedSpan[], timing?: WriteTiming): Promise<WriteResult> {
    return this.writer.write(projectId, priceSpans(this.prices, projectId, spans), timing);
  }

  /** Commits what is queued, then stops background work. */
  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.writer.close();
  }
}

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
import { priceSpan, priceSpans } from "./span-pricing";
import { SpanRowBuilder } from "./span-rows";
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

  /**
   * A request whose spans are written as the decoder builds them (DecodeOptions
   * onSpan): each is priced and turned into its row at once, so the request's span graph
   * is never held whole (docs/benchmarks.md, "Ingestion").
   */
  request(projectId: string): IngestRequest {
    return new IngestRequest(projectId, this.prices, this.writer);
  }

  /** Commits what is queued, then stops background work. */
  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.writer.close();
  }
}

/**
 * One request's spans on their way to the writer: {@link add} each as it is decoded,
 * then {@link write} once. A span that cannot be a row refuses the whole request, as
 * SpanIngest.write does: add() remembers the error (it must not throw into the
 * decoder) and write() rejects with it.
 */
export class IngestRequest {
  private readonly rows: SpanRowBuilder;
  private readonly spans: NormalizedSpan[] | null;
  private error: unknown = null;

  constructor(projectId: string, private readonly prices: PriceTable, private readonly writer: SpanWriter) {
    this.rows = new SpanRowBuilder(projectId);
    this.spans = writer.keepsSpans ? [] : null;
  }

  /** Spans added. */
  get count(): number {
    return this.rows.count;
  }

  /** Prices `span` and builds its row; never throws. */
  add(span: NormalizedSpan): void {
    if (this.error !== null) return;
    try {
      const priced = priceSpan(this.prices, this.rows.projectId, span);
      this.rows.add(priced);
      this.spans?.push(priced);
    } catch (err) {
      this.error = err;
    }
  }

  /** Queues the rows; resolves once committed (filling in `timing` if given). */
  write(timing?: WriteTiming): Promise<WriteResult> {
    if (this.error !== null) {
      this.rows.discard();
      return Promise.reject(this.error);
    }
    return this.writer.writeRows(this.rows.finish(), this.rows.count, this.spans, timing);
  }

  /** Gives the rows' buffers back without writing them (the request was refused). */
  discard(): void {
    this.rows.discard();
  }
}

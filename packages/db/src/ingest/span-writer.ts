/**
 * Group commit for span ingestion. Requests hand their spans to `write()`, which
 * resolves only after the spans are committed (ack-after-commit). Spans from concurrent
 * requests gathered within `lingerMs` go to Postgres as one COPY and one transaction;
 * when no flush is running, a request is flushed at once (nothing to gather for).
 * The queue is bounded in spans: past the bound `write()` throws QueueFullError at once
 * (the collector answers 503 + Retry-After), so memory never grows without limit.
 * A batch is written directly (COPY into spans) unless it holds a span already stored;
 * then it is redone staged (span-commit.ts), and the next few batches go staged at
 * once, since a client re-sending one batch is usually re-sending several.
 */
import { OnsetError, type NormalizedSpan } from "@onset/otlp";
import type { Pool } from "pg";
import { commitDirect, commitStaged, type StoredBatch } from "./span-commit";
import { prepareRows, releaseRows, type PreparedRows } from "./span-rows";
import { isDataError, isUnstorableSpansError, UnstorableSpansError } from "./unstorable-spans";
import { joinWaitingLogRecords } from "../repositories/span-log-join";

export { UnstorableSpansError, isUnstorableSpansError };

/** Thrown by write() when the queue is full (503 `queue_full`); retry after `retryAfterSec`. */
export class QueueFullError extends OnsetError {
  constructor(readonly retryAfterSec: number) {
    super(503, "queue_full", "ingest queue is full", { retryAfter: retryAfterSec });
    this.name = "QueueFullError";
  }
}

/** A run summary as updated by a flush. */
export interface TouchedTrace {
  project_id: string;
  trace_id: string;
  name: string | null;
  status: string;
  span_count: number;
  error_count: number;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  start_time: string;
  end_time: string;
  root_span_id: string | null;
  session_id: string | null;
  user_id: string | null;
}

/** What a committed flush reports to listeners (alerts, loop detection, analysis). */
export interface CommittedBatch {
  /** Spans that were new (re-sent duplicates excluded), grouped by project. */
  newSpans: Map<string, NormalizedSpan[]>;
  traces: TouchedTrace[];
}

/** Where one write()'s time went, in milliseconds (the collector's timing log); write() fills it in when given one. */
export interface WriteTiming {
  /** Queued until its flush began (linger, waiting for a free connection). */
  queuedMs: number;
  /** Row building + COPY of the whole batch it shared, with the run summaries. */
  copyMs: number;
  /** The COMMIT statement (the WAL flush with synchronous_commit on). */
  commitMs: number;
  /** Spans and exports in the group commit it shared. */
  batchSpans: number;
  batchWrites: number;
}

/** Result of one write(). */
export interface WriteResult {
  /** Spans inserted now; the rest were already stored (idempotent re-send). */
  inserted: number;
  duplicates: number;
}

/** Options of {@link SpanWriter}. */
export interface SpanWriterOptions {
  /** Most spans waiting (queued + in flight) before write() refuses. */
  maxQueuedSpans?: number;
  /** Most spans per transaction. */
  maxBatchSpans?: number;
  /** How long a flush waits for more requests to join it (not when no flush is running). */
  lingerMs?: number;
  /** Concurrent flushes (each uses one connection). */
  concurrency?: number;
  /** Called after each commit, outside the transaction; errors are logged, not thrown. */
  onCommitted?: (batch: CommittedBatch) => void | Promise<void>;
  onError?: (err: unknown) => void;
}

interface Pending {
  projectId: string;
  /** The request's rows, built when it was queued. */
  rows: PreparedRows;
  /** The spans themselves, kept only for an onCommitted listener (null without one). */
  spans: NormalizedSpan[] | null;
  count: number;
  queuedAt: number;
  timing: WriteTiming | undefined;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

/** What commit() stored and how long its parts took. */
interface Committed {
  newKeys: Set<string> | "all";
  batch: CommittedBatch;
  copyMs: number;
  commitMs: number;
}

/** Batches written staged after one that held an already-stored span. */
const STAGED_AFTER_DUPLICATE = 8;

/** Group-committing span writer over a pg pool. */
export class SpanWriter {
  private readonly queue: Pending[] = [];
  private queuedSpans = 0;
  private inFlightSpans = 0;
  private activeFlushes = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private stagedFlushes = 0;
  private readonly opts: Required<Omit<SpanWriterOptions, "onCommitted" | "onError">> & SpanWriterOptions;

  constructor(private readonly pool: Pool, opts: SpanWriterOptions = {}) {
    this.opts = { maxQueuedSpans: 100_000, maxBatchSpans: 5_000, lingerMs: 4, concurrency: 2, ...opts };
  }

  /** Spans waiting or being written. */
  get backlog(): number {
    return this.queuedSpans + this.inFlightSpans;
  }

  /** True when committed spans go to an onCommitted listener, which is when a request's spans must be kept until its commit. */
  get keepsSpans(): boolean {
    return this.opts.onCommitted !== undefined;
  }

  /** Queues `spans` of `projectId`; resolves once they are committed, having filled in `timing` if given. */
  write(projectId: string, spans: NormalizedSpan[], timing?: WriteTiming): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error("span writer is closed"));
    if (spans.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
    if (this.full(spans.length)) return Promise.reject(new QueueFullError(1));
    let rows: PreparedRows;
    try {
      rows = prepareRows(projectId, spans);
    } catch (err) {
      // A span that cannot be a row is the sender's data: this request alone is refused.
      return Promise.reject(err);
    }
    return this.writeRows(rows, spans.length, this.keepsSpans ? spans : null, timing);
  }

  /**
   * Queues rows already built (span-rows.ts) of `count` spans, with the spans themselves
   * when {@link keepsSpans}; resolves once committed. The rows' buffers go back to the
   * spare pool once committed or refused here.
   */
  writeRows(rows: PreparedRows, count: number, spans: NormalizedSpan[] | null, timing?: WriteTiming): Promise<WriteResult> {
    if (this.closed || count === 0 || this.full(count)) {
      releaseRows(rows);
      if (this.closed) return Promise.reject(new Error("span writer is closed"));
      if (count === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
      return Promise.reject(new QueueFullError(1));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ projectId: rows.projectId, rows, spans, count, queuedAt: performance.now(), timing, resolve, reject });
      this.queuedSpans += count;
      this.schedule();
    });
  }

  private full(count: number): boolean {
    return this.backlog + count > this.opts.maxQueuedSpans && this.backlog > 0;
  }

  /** Waits for everything queued to be committed, then refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.activeFlushes > 0) {
      this.schedule(true);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private schedule(now = false): void {
    if (this.queue.length === 0 || this.activeFlushes >= this.opts.concurrency) return;
    // Flush on idle: with no flush in progress nothing is about to finish that more
    // exports could wait for, so lingering would only add its delay to each export under
    // light load (docs/benchmarks.md, "Ingestion"). Under load flushes are running, and
    // what arrives meanwhile lingers and is committed together.
    if (now || this.queuedSpans >= this.opts.maxBatchSpans || this.activeFlushes === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.opts.lingerMs);
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let n = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && n + next.count > this.opts.maxBatchSpans) break;
      batch.push(this.queue.shift()!);
      n += next.count;
    }
    this.queuedSpans -= n;
    this.inFlightSpans += n;
    return batch;
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0 || this.activeFlushes >= this.opts.concurrency) return;
    this.activeFlushes++;
    const batch = this.takeBatch();
    const size = batch.reduce((a, p) => a + p.count, 0);
    const started = performance.now();
    try {
      await this.deliver(batch, await this.commitWithRetry(batch), started);
    } catch (err) {
      if (isDataError(err) && batch.length > 1) {
        // One request's rows poisoned the shared transaction: commit each request on
        // its own so the others are stored and only the offender is refused.
        for (const p of batch) {
          try {
            await this.deliver([p], await this.commitWithRetry([p]), started);
          } catch (e) {
            this.fail([p], e);
          }
        }
      } else {
        this.fail(batch, err);
      }
    } finally {
      this.inFlightSpans -= size;
      this.activeFlushes--;
      this.schedule(this.queuedSpans >= this.opts.maxBatchSpans || this.closed);
    }
  }

  private async deliver(batch: Pending[], committed: Committed, started: number): Promise<void> {
    const newKeys = committed.newKeys;
    const batchSpans = batch.reduce((a, p) => a + p.count, 0);
    for (const p of batch) {
      let inserted = 0;
      if (newKeys === "all") inserted = p.count;
      else for (const s of p.rows.keys) if (newKeys.has(`${p.projectId}:${s.traceId}:${s.spanId}`)) inserted++;
      if (p.timing) Object.assign(p.timing, { queuedMs: started - p.queuedAt, copyMs: committed.copyMs, commitMs: committed.commitMs, batchSpans, batchWrites: batch.length });
      releaseRows(p.rows);
      p.resolve({ inserted, duplicates: p.count - inserted });
    }
    if (this.opts.onCommitted) {
      try {
        await this.opts.onCommitted(committed.batch);
      } catch (err) {
        this.opts.onError?.(err);
      }
    }
  }

  private fail(batch: Pending[], err: unknown): void {
    const e = isDataError(err) && !isUnstorableSpansError(err) ? new UnstorableSpansError(`spans could not be stored: ${(err as Error).message}`, err) : err;
    for (const p of batch) p.reject(e);
    this.opts.onError?.(err);
  }

  private async commitWithRetry(batch: Pending[]): Promise<Committed> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.commit(batch);
      } catch (err) {
        // Two flushes upserting the same runs in different orders can deadlock or
        // fail serialization; Postgres rolled one back: run it again.
        const code = (err as { code?: string }).code;
        if ((code === "40P01" || code === "40001") && attempt < 5) continue;
        throw err;
      }
    }
  }

  private async commit(batch: Pending[]): Promise<Committed> {
    const rows = batch.map((p) => p.rows);
    const client = await this.pool.connect();
    const began = performance.now();
    let broken = false;
    // A checked-out client emits 'error' when its connection dies (server restart,
    // terminated backend); the pool only listens on idle clients, so without this the
    // event is an uncaught exception that kills the collector. The failed query rejects
    // on its own; the listener only marks the connection as not reusable.
    const onError = () => {
      broken = true;
    };
    client.on("error", onError);
    try {
      let stored: StoredBatch | null = null;
      if (this.stagedFlushes > 0) this.stagedFlushes--;
      else {
        await client.query("BEGIN");
        try {
          stored = await commitDirect(client, rows);
        } catch (err) {
          if ((err as { code?: string }).code !== "23505") throw err;
          // A span of the batch is stored already (a re-send): redo it staged.
          await client.query("ROLLBACK");
          this.stagedFlushes = STAGED_AFTER_DUPLICATE;
        }
      }
      if (!stored) {
        await client.query("BEGIN");
        stored = await commitStaged(client, rows);
      }
      // Log records that arrived before their span (GenAI events) fill it in this transaction.
      await joinWaitingLogRecords(client, rows.map((p) => ({ projectId: p.projectId, spans: p.keys })));
      const copied = performance.now();
      await client.query("COMMIT");
      const commitMs = performance.now() - copied;
      const { newKeys } = stored;
      const newSpans = new Map<string, NormalizedSpan[]>();
      const seen = new Set<string>();
      for (const p of batch) {
        if (p.spans === null) continue; // no listener: the spans were not kept
        const list = newSpans.get(p.projectId) ?? [];
        if (newKeys === "all") list.push(...p.spans);
        else {
          for (const s of p.spans) {
            const full = `${p.projectId}:${s.traceId}:${s.spanId}`;
            if (newKeys.has(full) && !seen.has(full)) {
              seen.add(full);
              list.push(s);
            }
          }
        }
        if (list.length > 0) newSpans.set(p.projectId, list);
      }
      return { newKeys, batch: { newSpans, traces: stored.traces as unknown as TouchedTrace[] }, copyMs: copied - began, commitMs };
    } catch (err) {
      broken = broken || (await client.query("ROLLBACK").then(() => false, () => true));
      throw err;
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }
}

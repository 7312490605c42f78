/**
 * Per-project ingest quotas, so one project cannot take the collector from the others:
 *
 * - a token bucket of spans per second (ONSET_INGEST_SPANS_PER_SEC, burst
 *   ONSET_INGEST_BURST_SPANS): an export is let through while the bucket is not empty
 *   and may take it into debt (so a batch larger than the burst still passes once);
 *   in debt, exports get 429 + Retry-After until it refills;
 * - a fair share of the commit queue (ONSET_PROJECT_QUEUE_SHARE of
 *   ONSET_MAX_QUEUED_SPANS): spans one project has waiting for commit; past it that
 *   project gets 429 while the others still have room;
 * - spans per trace (ONSET_MAX_SPANS_PER_TRACE): spans beyond it are refused one by one
 *   through OTLP partial success (retrying would not help, so no 429);
 * - request bytes per UTC day (ONSET_INGEST_BYTES_PER_DAY), counted after inflation:
 *   a request is let through while the day's count is under the quota (so the last one
 *   may pass it), then the project gets 429 + Retry-After until the next UTC midnight.
 *
 * Counts live in this process (one collector per database, as `onset start` runs it).
 * The per-trace count is of spans this process took since it started (the most recent
 * 200,000 traces): it never waits on the database, so a stalled database still gets
 * the immediate 503 of the commit queue; a restart lets a trace grow by the limit again.
 */
import type { NormalizedSpan, RejectedSpan } from "@onset/otlp";
import { HttpError } from "./http-error";

/** Quota settings. */
export interface QuotaConfig {
  /** Sustained spans per second per project (0: no limit). */
  spansPerSec: number;
  /** Bucket size: spans a project may send at once after a quiet spell. */
  burstSpans: number;
  /** Most spans stored per trace (0: no limit). */
  maxSpansPerTrace: number;
  /** Fraction (0-1] of the commit queue one project may fill. */
  projectQueueShare: number;
  /** Request bytes one project may send per UTC day (0: no limit). */
  bytesPerDay: number;
}

const DAY_MS = 86_400_000;

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_TRACKED_TRACES = 200_000;

/** The quota state of one collector. */
export class IngestQuotas {
  private readonly buckets = new Map<string, Bucket>();
  private readonly queued = new Map<string, number>();
  private readonly traceCounts = new Map<string, number>();
  private readonly bytesToday = new Map<string, { day: number; bytes: number }>();

  constructor(
    private readonly config: QuotaConfig,
    private readonly maxQueuedSpans: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 while the project's bucket is in debt or its day's bytes are spent (checked before a body is read). */
  checkRate(projectId: string): void {
    this.admitRate(projectId, 0, true);
    this.admitBytes(projectId, 0);
  }

  /**
   * Counts `n` request bytes against the project's day (UTC), or throws 429 with the
   * seconds until midnight once the day's quota is spent.
   */
  admitBytes(projectId: string, n: number): void {
    const limit = this.config.bytesPerDay;
    if (limit <= 0) return;
    const t = this.now();
    const day = Math.floor(t / DAY_MS);
    const used = this.bytesToday.get(projectId);
    const today = used && used.day === day ? used : { day, bytes: 0 };
    if (today.bytes >= limit) {
      const wait = Math.max(1, Math.ceil(((day + 1) * DAY_MS - t) / 1000));
      throw new HttpError(429, `this project sent its ${limit} bytes for today (ONSET_INGEST_BYTES_PER_DAY): retry after midnight UTC, in ${wait} s`, wait);
    }
    today.bytes += n;
    this.bytesToday.set(projectId, today);
  }

  /** Takes `n` spans from the project's bucket, or throws 429 with the wait. */
  admitRate(projectId: string, n: number, peek = false): void {
    const { spansPerSec, burstSpans } = this.config;
    if (spansPerSec <= 0 || (n === 0 && !peek)) return;
    const t = this.now();
    const capacity = Math.max(burstSpans, spansPerSec);
    const b = this.buckets.get(projectId) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * spansPerSec);
    b.at = t;
    this.buckets.set(projectId, b);
    if (b.tokens <= 0) {
      const wait = Math.max(1, Math.ceil(-b.tokens / spansPerSec));
      throw new HttpError(429, `this project sends more than ${spansPerSec} spans per second (ONSET_INGEST_SPANS_PER_SEC): retry in ${wait} s`, wait);
    }
    b.tokens -= n;
  }

  /**
   * Reserves room for `n` spans in the project's share of the commit queue; the returned
   * function gives it back (call it once the write settled). Throws 429 past the share,
   * unless the project has nothing queued (one big export is the global queue's business).
   */
  reserveQueue(projectId: string, n: number): () => void {
    const cap = Math.max(1, Math.floor(this.maxQueuedSpans * Math.min(1, Math.max(0, this.config.projectQueueShare))));
    const mine = this.queued.get(projectId) ?? 0;
    // A share of the whole queue is the global bound's business (503 there).
    if (cap < this.maxQueuedSpans && mine > 0 && mine + n > cap) {
      throw new HttpError(429, `this project already has ${mine} spans waiting for commit (its share is ${cap}): retry shortly`, 1);
    }
    this.queued.set(projectId, mine + n);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.queued.get(projectId) ?? n) - n;
      if (left > 0) this.queued.set(projectId, left);
      else this.queued.delete(projectId);
    };
  }

  /** Spans the project has waiting for commit (tests, diagnostics). */
  queuedSpans(projectId: string): number {
    return this.queued.get(projectId) ?? 0;
  }

  /**
   * Splits `spans` into those within their trace's span limit and refusals for the rest,
   * counting the kept ones against their traces.
   */
  capTraces(projectId: string, spans: NormalizedSpan[]): { kept: NormalizedSpan[]; refused: RejectedSpan[] } {
    if (this.config.maxSpansPerTrace <= 0 || spans.length === 0) return { kept: spans, refused: [] };
    const cap = this.traceCap(projectId);
    const kept: NormalizedSpan[] = [];
    const refused: RejectedSpan[] = [];
    for (const s of spans) {
      const refusal = cap.admit(s);
      if (refusal) refused.push(refusal);
      else kept.push(s);
    }
    cap.commit();
    return { kept, refused };
  }

  /**
   * The per-trace limit applied to one request span by span, as its spans are decoded:
   * `admit` says whether a span is within its trace's limit (counting those of the
   * request admitted before it), and `commit` counts the admitted ones against their
   * traces, once the request is let through (so a request refused after decoding, a
   * 429, counts nothing). Nothing is counted without `commit`.
   */
  traceCap(projectId: string): { admit: (span: NormalizedSpan) => RejectedSpan | null; commit: () => void } {
    const limit = this.config.maxSpansPerTrace;
    const mine = new Map<string, number>();
    return {
      admit: (s) => {
        if (limit <= 0) return null;
        const k = `${projectId}\u0000${s.traceId}`;
        const count = mine.get(k) ?? this.traceCounts.get(k) ?? 0;
        if (count >= limit) return { spanId: s.spanId, reason: `trace already has the most spans allowed per trace (${limit}, ONSET_MAX_SPANS_PER_TRACE)` };
        mine.delete(k); // re-insert: the request's least recently used first, as remember() orders
        mine.set(k, count + 1);
        return null;
      },
      commit: () => {
        for (const [k, count] of mine) this.remember(k, count);
      },
    };
  }

  private remember(key: string, count: number): void {
    this.traceCounts.delete(key); // re-insert: least recently used first
    this.traceCounts.set(key, count);
    if (this.traceCounts.size > MAX_TRACKED_TRACES) this.traceCounts.delete(this.traceCounts.keys().next().value!);
  }
}

/**
 * One request's spans turned into what its flush sends, as soon as the request is
 * queued: the COPY text of its rows (UTF-8, in chunk buffers), the content-store bodies
 * they reference, the run summaries they add, and the spans' keys. Built here rather
 * than in the flush, the request's NormalizedSpan graph is garbage as soon as the request
 * handler lets go of it; held until the commit (tens to hundreds of milliseconds under
 * load), every such graph was copied by the young-generation collections it outlived and
 * then promoted: the collector's largest CPU cost after decoding (docs/benchmarks.md,
 * "Ingestion").
 */
import type { NormalizedSpan } from "@onset/otlp";
import { spanCopyRow } from "./span-columns";
import { ContentBatch } from "./span-content-refs";
import { RunSummaries } from "./trace-summaries";
import { UnstorableSpansError } from "./unstorable-spans";

/** A span addressed within its project. */
export interface SpanKeyOf {
  traceId: string;
  spanId: string;
}

/** What a flush needs of one request's spans. */
export interface PreparedRows {
  projectId: string;
  /** COPY text, rows whole within each chunk. */
  chunks: Buffer[];
  /** The spans' keys in order (log join, counting what a staged flush inserted). */
  keys: SpanKeyOf[];
  contents: ContentBatch;
  summaries: RunSummaries;
}

/** Bytes of COPY text in a chunk buffer. */
const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * Chunk buffers of committed requests, reused by the next: a 512-span request is about
 * 0.6 MB of COPY text, and fresh buffers for each were off-heap garbage until V8's next
 * full collection (part of the collector's RSS under load, docs/benchmarks.md).
 */
const spareChunks: Buffer[] = [];
const MAX_SPARE_CHUNKS = 48;

/**
 * Builds one request's rows span by span, as the decoder hands them over (DecodeOptions
 * onSpan): each span's row is encoded into a chunk buffer and its run summary folded in
 * at once, so the span is garbage before the next is decoded. Each row string is UTF-8
 * encoded into the chunk as soon as it is built: appending rows to one chunk string and
 * encoding that made V8 flatten a deep rope of thousands of pieces, which profiled at
 * 16% of the collector's CPU.
 */
export class SpanRowBuilder {
  private readonly contents = new ContentBatch();
  private readonly summaries = new RunSummaries();
  private readonly chunks: Buffer[] = [];
  private readonly keys: SpanKeyOf[] = [];
  private buf: Buffer | null = null;
  private filled = 0;
  private finished = false;

  constructor(readonly projectId: string) {}

  /** Spans added so far. */
  get count(): number {
    return this.keys.length;
  }

  /** Adds one span (priced); throws UnstorableSpansError, leaving the builder as it was, when it cannot be a row. */
  add(s: NormalizedSpan): void {
    if (this.finished) throw new Error("SpanRowBuilder.add() after finish()");
    let row: string;
    try {
      row = spanCopyRow(this.projectId, s, this.contents);
    } catch (err) {
      throw new UnstorableSpansError(`span ${s.spanId} could not be turned into a row: ${(err as Error).message}`, err);
    }
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.buf === null || this.filled + row.length * 3 > this.buf.length) {
      if (this.buf !== null && this.filled > 0) this.chunks.push(this.buf.subarray(0, this.filled));
      else if (this.buf !== null) releaseBuffer(this.buf);
      this.buf = row.length * 3 <= COPY_CHUNK_BYTES ? (spareChunks.pop() ?? Buffer.allocUnsafe(COPY_CHUNK_BYTES)) : Buffer.allocUnsafe(row.length * 3);
      this.filled = 0;
    }
    this.filled += this.buf.write(row, this.filled);
    this.keys.push({ traceId: s.traceId, spanId: s.spanId });
    this.summaries.addSpan(this.projectId, s);
  }

  /** The request's rows; call once, the builder is done with after it. */
  finish(): PreparedRows {
    if (this.finished) throw new Error("SpanRowBuilder.finish() called twice");
    this.finished = true;
    if (this.buf !== null) {
      if (this.filled > 0) this.chunks.push(this.buf.subarray(0, this.filled));
      else releaseBuffer(this.buf);
      this.buf = null;
    }
    return { projectId: this.projectId, chunks: this.chunks, keys: this.keys, contents: this.contents, summaries: this.summaries };
  }

  /** Gives the buffers back when the rows will not be written (the request was refused); nothing once finished. */
  discard(): void {
    if (!this.finished) releaseRows(this.finish());
  }
}

/** The rows of `spans` (priced, all of `projectId`); throws UnstorableSpansError for a span that cannot be a row. */
export function prepareRows(projectId: string, spans: readonly NormalizedSpan[]): PreparedRows {
  const builder = new SpanRowBuilder(projectId);
  try {
    for (const s of spans) builder.add(s);
  } catch (err) {
    builder.discard();
    throw err;
  }
  return builder.finish();
}

/** Gives a request's chunk buffers back for reuse, once its rows are committed (the socket has written them). */
export function releaseRows(rows: PreparedRows): void {
  for (const c of rows.chunks) releaseBuffer(c);
  rows.chunks = [];
}

function releaseBuffer(view: Buffer): void {
  const whole = view.byteOffset === 0 && view.buffer.byteLength === COPY_CHUNK_BYTES ? Buffer.from(view.buffer, 0, COPY_CHUNK_BYTES) : null;
  if (whole && spareChunks.length < MAX_SPARE_CHUNKS) spareChunks.push(whole);
}

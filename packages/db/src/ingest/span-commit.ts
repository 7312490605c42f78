/**
 * The two ways a group-commit batch goes into Postgres inside the caller's transaction
 * (span-write-sql.ts explains both): direct COPY into `spans` plus summaries computed
 * here, and the staged COPY + INSERT ... ON CONFLICT DO NOTHING for batches holding
 * spans that are already stored. Measured on the ingest benchmark (docs/benchmarks.md):
 * the staged statement costs about as much again as the COPY itself, so it only runs
 * when a re-sent span makes the direct COPY fail on the primary key.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { spanCopyRow } from "./span-columns";
import { ContentBatch, contentKey } from "./span-content-refs";
import { COPY_SPANS, COPY_STAGE, CREATE_STAGE, INSERT_CONTENTS, MERGE_STAGE, STORED_CONTENT_KEYS, UPSERT_SUMMARIES } from "./span-write-sql";
import { summarizeNewSpans } from "./trace-summaries";
import { UnstorableSpansError } from "./unstorable-spans";

/** Spans of one request. */
export interface BatchPart {
  projectId: string;
  spans: NormalizedSpan[];
}

/** A summary row as RETURNING gives it (TouchedTrace in span-writer.ts). */
export type TraceRow = Record<string, unknown>;

/**
 * What a commit stored: keys "project:trace:span" of the new spans ("all" when every
 * span of the batch was new, as after a direct flush), and the runs touched.
 */
export interface StoredBatch {
  newKeys: Set<string> | "all";
  traces: TraceRow[];
}

/** Bytes of COPY text sent to Postgres at a time. */
const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * Chunk buffers of finished COPYs, reused by the next: a flush of 1,024 spans sends about
 * 1.2 MB, and fresh buffers for each flush were off-heap garbage until V8's next full
 * collection (part of the collector's RSS under load, docs/benchmarks.md "Ingestion").
 * A buffer comes back only after its COPY succeeded, when the socket has written it.
 */
const spareChunks: Buffer[] = [];
const MAX_SPARE_CHUNKS = 24;

/**
 * COPYs the batch's rows with `sql`, then stores the content they reference. Each row
 * string is UTF-8 encoded into a shared chunk buffer as soon as it is built: appending
 * rows to one chunk string and encoding that made V8 flatten a deep rope of thousands
 * of pieces, which profiled at 16% of the collector's CPU (docs/benchmarks.md).
 */
async function copyRows(client: PoolClient, batch: BatchPart[], sql: string): Promise<void> {
  const contents = new ContentBatch();
  const used: Buffer[] = [];
  const take = (bytes: number) => {
    const buf = bytes <= COPY_CHUNK_BYTES ? (spareChunks.pop() ?? Buffer.allocUnsafe(COPY_CHUNK_BYTES)) : Buffer.allocUnsafe(bytes);
    used.push(buf);
    return buf;
  };
  function* chunks() {
    let buf = take(COPY_CHUNK_BYTES);
    let filled = 0;
    for (const p of batch) {
      for (const s of p.spans) {
        let row: string;
        try {
          row = spanCopyRow(p.projectId, s, contents);
        } catch (err) {
          throw new UnstorableSpansError(`span ${s.spanId} could not be turned into a row: ${(err as Error).message}`, err);
        }
        // A UTF-16 code unit is at most 3 bytes of UTF-8.
        if (filled + row.length * 3 > buf.length) {
          if (filled > 0) yield buf.subarray(0, filled);
          buf = take(Math.max(COPY_CHUNK_BYTES, row.length * 3));
          filled = 0;
        }
        filled += buf.write(row, filled);
      }
    }
    if (filled > 0) yield buf.subarray(0, filled);
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(sql)));
  for (const buf of used) if (buf.length === COPY_CHUNK_BYTES && spareChunks.length < MAX_SPARE_CHUNKS) spareChunks.push(buf);
  await insertContents(client, contents);
}

/**
 * Stores the batch's message and chunk bodies the project does not hold yet for that
 * month. Most bodies of a long run's later calls are stored already, so their keys are
 * looked up first and only the missing bodies are sent; one stored meanwhile by a
 * concurrent flush is left as it is (ON CONFLICT DO NOTHING).
 */
export async function insertContents(client: PoolClient, contents: ContentBatch): Promise<void> {
  if (contents.rows.size === 0) return;
  const all = [...contents.rows.values()];
  const known = await client.query<{ p: string; b: string; h: string }>(STORED_CONTENT_KEYS, [JSON.stringify(all.map((r) => ({ p: r.projectId, b: r.bucket, h: r.hash })))]);
  const have = new Set(known.rows.map((r) => contentKey(r.p, r.b, r.h)));
  const missing = all.filter((r) => !have.has(contentKey(r.projectId, r.bucket, r.hash)));
  if (missing.length === 0) return;
  await client.query(INSERT_CONTENTS, [JSON.stringify(missing.map((r) => ({ p: r.projectId, b: r.bucket, h: r.hash, v: r.body })))]);
}

/**
 * Direct flush: every span must be new; a stored one fails the COPY with 23505
 * (unique_violation) and the caller redoes the batch with {@link commitStaged}.
 */
export async function commitDirect(client: PoolClient, batch: BatchPart[]): Promise<StoredBatch> {
  await copyRows(client, batch, COPY_SPANS);
  const r = await client.query<{ traces: TraceRow[] }>(UPSERT_SUMMARIES, [JSON.stringify(summarizeNewSpans(batch))]);
  return { newKeys: "all", traces: r.rows[0]!.traces };
}

/** Staged flush: inserts what is new, folds only that into the summaries. */
export async function commitStaged(client: PoolClient, batch: BatchPart[]): Promise<StoredBatch> {
  await client.query(CREATE_STAGE);
  await copyRows(client, batch, COPY_STAGE);
  const r = await client.query<{ new_spans: string[]; traces: TraceRow[] }>(MERGE_STAGE);
  const row = r.rows[0]!;
  return { newKeys: new Set(row.new_spans), traces: row.traces };
}

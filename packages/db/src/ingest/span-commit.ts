/**
 * The two ways a group-commit batch goes into Postgres inside the caller's transaction
 * (span-write-sql.ts explains both): direct COPY into `spans` plus the summaries computed
 * with the rows (span-rows.ts), and the staged COPY + INSERT ... ON CONFLICT DO NOTHING for batches holding
 * spans that are already stored. Measured on the ingest benchmark (docs/benchmarks.md):
 * the staged statement costs about as much again as the COPY itself, so it only runs
 * when a re-sent span makes the direct COPY fail on the primary key.
 */
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { ContentBatch, contentKey } from "./span-content-refs";
import type { PreparedRows } from "./span-rows";
import { COPY_SPANS, COPY_STAGE, CREATE_STAGE, INSERT_CONTENTS, MERGE_STAGE, STORED_CONTENT_KEYS, UPSERT_SUMMARIES } from "./span-write-sql";
import { RunSummaries } from "./trace-summaries";

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

/** COPYs the requests' prepared rows (span-rows.ts) with `sql`, then stores the content they reference. */
async function copyRows(client: PoolClient, batch: readonly PreparedRows[], sql: string): Promise<void> {
  const chunks: Buffer[] = [];
  for (const p of batch) chunks.push(...p.chunks);
  await pipeline(Readable.from(chunks, { objectMode: false }), client.query(copyFrom(sql)));
  let contents = batch[0]?.contents ?? new ContentBatch();
  if (batch.length > 1) {
    contents = new ContentBatch();
    for (const p of batch) for (const [k, row] of p.contents.rows) if (!contents.rows.has(k)) contents.rows.set(k, row);
  }
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
export async function commitDirect(client: PoolClient, batch: readonly PreparedRows[]): Promise<StoredBatch> {
  await copyRows(client, batch, COPY_SPANS);
  const summaries = new RunSummaries();
  for (const p of batch) summaries.merge(p.summaries);
  const r = await client.query<{ traces: TraceRow[] }>(UPSERT_SUMMARIES, [JSON.stringify(summaries.rows())]);
  return { newKeys: "all", traces: r.rows[0]!.traces };
}

/** Staged flush: inserts what is new, folds only that into the summaries. */
export async function commitStaged(client: PoolClient, batch: readonly PreparedRows[]): Promise<StoredBatch> {
  await client.query(CREATE_STAGE);
  await copyRows(client, batch, COPY_STAGE);
  const r = await client.query<{ new_spans: string[]; traces: TraceRow[] }>(MERGE_STAGE);
  const row = r.rows[0]!;
  return { newKeys: new Set(row.new_spans), traces: row.traces };
}

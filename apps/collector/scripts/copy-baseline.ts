/**
 * The ceiling ingestion is measured against: raw COPY of the very rows the collector
 * stored, read back out of `spans` in COPY text form, into a plain copy of the spans
 * table (same columns, same primary key and indexes), on one connection, one
 * transaction per `batchRows` rows, with the server's durable defaults.
 */
import type { Pool } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";

// The columns the collector writes (packages/db span-columns.ts SPAN_COLUMNS), in order.
const COLUMNS = `project_id, trace_id, span_id, parent_span_id, name, kind, type, start_time, end_time, status_code,
  status_message, model, provider, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
  cost_usd, cost_source, tool_name, agent_name, session_id, user_id, conversation_id, mapper, service_name, scope_name,
  scope_version, input, output, tool, error, attributes, events, resource`;

/** Result of the raw COPY run. */
export interface CopyBaseline {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** Average COPY text bytes per row. */
  bytesPerRow: number;
}

/** Reads `projectId`'s spans as COPY text chunks of `batchRows` rows each. */
async function exportRows(pool: Pool, projectId: string, batchRows: number): Promise<{ chunks: string[]; rows: number; bytes: number }> {
  const client = await pool.connect();
  const chunks: string[] = [];
  let current = "";
  let inChunk = 0;
  let rows = 0;
  let bytes = 0;
  let rest = "";
  const decoder = new StringDecoder("utf8"); // a chunk may end inside a UTF-8 sequence
  try {
    const sql = `COPY (SELECT ${COLUMNS} FROM spans WHERE project_id = '${projectId.replace(/'/g, "''")}') TO STDOUT`;
    await pipeline(
      client.query(copyTo(sql)),
      new Writable({
        write(buf: Buffer, _enc, done) {
          const text = rest + decoder.write(buf);
          let start = 0;
          for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
            current += text.slice(start, nl + 1);
            bytes += nl + 1 - start;
            start = nl + 1;
            rows++;
            if (++inChunk === batchRows) {
              chunks.push(current);
              current = "";
              inChunk = 0;
            }
          }
          rest = text.slice(start);
          done();
        },
      }),
    );
  } finally {
    client.release();
  }
  if (current) chunks.push(current);
  return { chunks, rows, bytes };
}

/** COPYs the project's stored span rows into a fresh copy of `spans`; returns the rate. */
export async function measureRawCopy(pool: Pool, projectId: string, batchRows = 5000): Promise<CopyBaseline> {
  return copyInto(pool, projectId, batchRows, "copy");
}

/**
 * Where the raw COPY writes: "copy", a plain table like `spans` (the baseline); or
 * "spans", the partitioned table itself, the rows under the project id `asProject` (so
 * they do not collide with the originals): what the collector's COPY pays for routing
 * rows to partitions.
 */
export type CopyTarget = "copy" | { spansAsProject: string };

/** COPYs the project's stored rows to `target` in transactions of `batchRows` rows; returns the rate. */
export async function copyInto(pool: Pool, projectId: string, batchRows: number, target: CopyTarget): Promise<CopyBaseline> {
  const exported = await exportRows(pool, projectId, batchRows);
  const { rows, bytes } = exported;
  let chunks = exported.chunks;
  let table = "spans_copy_baseline";
  if (target === "copy") {
    await pool.query("DROP TABLE IF EXISTS spans_copy_baseline");
    // LIKE ... INCLUDING ALL on the partitioned parent gives a plain table with the same
    // columns, defaults, primary key and indexes.
    await pool.query("CREATE TABLE spans_copy_baseline (LIKE spans INCLUDING ALL)");
  } else {
    table = "spans";
    const as = target.spansAsProject;
    // project_id is each row's first field; COPY text escapes no character of an id.
    chunks = chunks.map((c) => as + c.slice(projectId.length).replaceAll(`\n${projectId}\t`, `\n${as}\t`));
  }
  const client = await pool.connect();
  try {
    const started = performance.now();
    for (const chunk of chunks) {
      await client.query("BEGIN");
      await pipeline(Readable.from([chunk]), client.query(copyFrom(`COPY ${table} (${COLUMNS}) FROM STDIN`)));
      await client.query("COMMIT");
    }
    const seconds = (performance.now() - started) / 1000;
    return { rows, seconds, rowsPerSec: rows / seconds, bytesPerRow: bytes / Math.max(1, rows) };
  } finally {
    client.release();
    if (target === "copy") await pool.query("DROP TABLE IF EXISTS spans_copy_baseline");
  }
}

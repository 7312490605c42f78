// Stored bytes against raw OTLP/JSON bytes for agent runs (issue 19, docs/benchmarks.md
// "Storage"): `npx tsx packages/db/scripts/bench-storage.ts [long|short]` (both by default).
// Starts a private embedded Postgres, generates two workloads with
// src/test-support/agent-conversation.ts (OpenInference-style: every LLM call carries the
// whole conversation so far, flattened and as input.value), decodes each request as the
// collector does (64 KB attribute cap) and writes it through SpanIngest. Prints, per
// workload, the OTLP/JSON bytes, the bytes the content store layout takes (spans and
// span_contents partitions with their indexes and TOAST), and the bytes the same spans
// take with every content inline (the layout before the store: one `LIKE spans` table
// filled with the same rows, content in place), and the ratios.
import { mkdtemp, chmod, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeTraceRequestJson, type NormalizedSpan } from "@onset/otlp";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createPool } from "../src/pool";
import { startEmbeddedPostgres } from "../src/embedded/embedded-postgres";
import { applyMigrations } from "../src/migrate/migrate";
import { SpanIngest } from "../src/ingest/span-ingest";
import { copyRow, jsonbCopyField } from "../src/ingest/copy-text";
import { copyTimestamp } from "../src/ingest/span-columns";
import { loadRunSpans } from "../src/repositories/runs";
import { conversationRequests, type ConversationWorkload } from "../src/test-support/agent-conversation";

const workloads: [string, ConversationWorkload][] = [
  // 20 runs of 40 LLM calls: the conversation reaches ~120 KB by the last call.
  ["long history (20 runs x 40 calls, 1.5 KB messages)", { runs: 20, steps: 40, systemChars: 4000, messageChars: 1500 }],
  // 400 runs of 2 calls with short messages: little to share but the system prompt.
  ["short history (400 runs x 2 calls, 300-char messages)", { runs: 400, steps: 2, systemChars: 600, messageChars: 300 }],
];

const dir = await mkdtemp(path.join(tmpdir(), "onset-bench-storage-"));
await chmod(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: dir });
try {
  await applyMigrations(pg.url);
  const pool = createPool(pg.url, 4);
  const ingest = new SpanIngest(pool);
  await ingest.start();
  // Bytes of the relations whose name starts with one of `prefixes` (tables, indexes, TOAST).
  const size = async (...prefixes: string[]) =>
    Number(
      (
        await pool.query(
          `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c
            WHERE c.relkind = 'r' AND c.relname LIKE ANY($1::text[])`,
          [prefixes.map((p) => `${p}%`)],
        )
      ).rows[0].n,
    );
  await pool.query(`CREATE TABLE inline_spans (LIKE spans INCLUDING DEFAULTS INCLUDING INDEXES)`);

  for (const [i, [label, w]] of workloads.entries()) {
    if (process.argv[2] && !label.startsWith(process.argv[2])) continue;
    const projectId = `p${i}`;
    await pool.query(`INSERT INTO projects (id, slug, name) VALUES ($1, $1, $1)`, [projectId]);
    await pool.query(`TRUNCATE inline_spans`);
    const before = await size("spans", "span_contents");
    const contentsBefore = await size("span_contents");
    let raw = 0;
    let spans = 0;
    const traceIds: string[] = [];
    for (const req of conversationRequests({ ...w, seed: i + 1 })) {
      const body = JSON.stringify(req);
      raw += Buffer.byteLength(body);
      const decoded = decodeTraceRequestJson(body, { maxAttributeBytes: 64 * 1024 }).spans;
      spans += decoded.length;
      traceIds.push(decoded[0]!.traceId);
      await ingest.write(projectId, decoded);
    }
    await pool.query("CHECKPOINT");
    const stored = (await size("spans", "span_contents")) - before;
    const contents = (await size("span_contents")) - contentsBefore;
    // The same spans as read back, written with every content inline.
    for (const t of traceIds) await copyInline(pool, projectId, await loadRunSpans(pool, projectId, t));
    const inline = await size("inline_spans");
    const mb = (n: number) => (n / 1e6).toFixed(2).padStart(7);
    console.log(label);
    console.log(`  ${spans} spans; OTLP/JSON sent ${mb(raw)} MB`);
    console.log(`  content store layout ${mb(stored)} MB  = ${(stored / raw).toFixed(3)}x raw  (${((stored / spans) / 1024).toFixed(1)} KB a span; span_contents ${mb(contents).trim()} MB)`);
    console.log(`  everything inline    ${mb(inline)} MB  = ${(inline / raw).toFixed(3)}x raw`);
  }
  await ingest.close();
  await pool.end();
} finally {
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}

/** COPYs spans into inline_spans with their content in the row (the layout before the store). */
async function copyInline(pool: ReturnType<typeof createPool>, projectId: string, spans: NormalizedSpan[]): Promise<void> {
  const rows = spans.map((s) => {
    const u = s.usage;
    const row = copyRow([
      projectId, s.traceId, s.spanId, s.parentSpanId, s.name, s.kind, s.type,
      copyTimestamp(s.startTimeMs), copyTimestamp(s.endTimeMs), s.statusCode, s.statusMessage, s.model, s.provider,
      u.input, u.output, u.cacheRead, u.cacheWrite, u.reasoning, s.costUsd, s.costSource, s.tool?.name ?? null,
      s.agentName, s.sessionId, s.userId, s.conversationId, s.mapper, s.serviceName, s.scopeName, s.scopeVersion,
    ]);
    const json = [s.input, s.output, s.tool, s.error, s.attributes, s.events, s.resourceAttributes].map(jsonbCopyField).join("\t");
    return `${row.slice(0, -1)}\t${json}\n`;
  });
  const client = await pool.connect();
  try {
    await pipeline(
      Readable.from([rows.join("")]),
      client.query(
        copyFrom(`COPY inline_spans (project_id, trace_id, span_id, parent_span_id, name, kind, type, start_time, end_time,
          status_code, status_message, model, provider, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
          reasoning_tokens, cost_usd, cost_source, tool_name, agent_name, session_id, user_id, conversation_id, mapper,
          service_name, scope_name, scope_version, input, output, tool, error, attributes, events, resource) FROM STDIN`),
      ),
    );
  } finally {
    client.release();
  }
}

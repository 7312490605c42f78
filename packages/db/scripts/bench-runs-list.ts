// Runs list query with 100k runs in one project (and 100k in another, to keep the
// project filter honest): `npx tsx packages/db/scripts/bench-runs-list.ts [runs]`.
// Starts a private embedded Postgres in a temp dir, fills `traces` with generate_series,
// and prints p50/p95 of listRuns for the list's common queries, beside the time of a
// bare indexed `SELECT ... LIMIT 50` on the same table (the floor for any list query).
// Then it stores spans for the newest 50 runs through SpanIngest (content store layout:
// a shared long system prompt by reference, short messages inline, a tool call) and
// times the first page again: listRuns reads each run's preview (input, output, error)
// from its spans through the content store.
import { mkdtemp, rm, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPool } from "../src/pool";
import { listRuns, type RunListQuery } from "../src/repositories/runs";
import { startEmbeddedPostgres } from "../src/embedded/embedded-postgres";
import { applyMigrations } from "../src/migrate/migrate";
import { SpanIngest } from "../src/ingest/span-ingest";
import { makeSpan } from "../src/test-support/make-span";
import { contentFromValue, type NormalizedSpan } from "@onset/otlp";

const N = Number(process.argv[2] ?? 100_000);
const dir = await mkdtemp(path.join(tmpdir(), "onset-bench-runs-"));
await chmod(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: dir });
try {
  await applyMigrations(pg.url);
  const pool = createPool(pg.url, 4);
  await pool.query(`INSERT INTO projects (id, slug, name) VALUES ('p1','p1','P1'), ('p2','p2','P2')`);
  const t0 = performance.now();
  await pool.query(
    `INSERT INTO traces (project_id, trace_id, name, status, start_time, end_time, span_count, error_count,
       input_tokens, output_tokens, cost_usd, service_name, session_id, user_id, models, loop_count, onset_span_id)
     SELECT p, md5(p || i::text), 'run ' || (i % 500), CASE WHEN i % 7 = 0 THEN 'error' ELSE 'ok' END,
       now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval + ((i % 90) || ' seconds')::interval,
       10 + i % 200, CASE WHEN i % 7 = 0 THEN 1 + i % 3 ELSE 0 END, 1000 + i % 5000, 200 + i % 900,
       (i % 1000) / 100.0, 'svc-' || (i % 5), 'sess-' || (i % 2000), 'user-' || (i % 300),
       ARRAY['gpt-4o-mini', CASE WHEN i % 2 = 0 THEN 'claude-sonnet-4-5' ELSE 'gpt-4o' END],
       CASE WHEN i % 11 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 7 = 0 THEN md5(i::text) END
     FROM generate_series(1, $1) i, unnest(ARRAY['p1','p2']) p`,
    [N],
  );
  await pool.query("ANALYZE traces");
  console.log(`filled ${2 * N} runs (2 projects) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const time = async (label: string, f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      await f();
      xs.push(performance.now() - s);
    }
    xs.sort((a, b) => a - b);
    const p = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!.toFixed(2);
    console.log(`${label.padEnd(44)} p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`);
    return Number(p(0.5));
  };
  const floor = await time("floor: bare indexed SELECT LIMIT 51", () =>
    pool.query(`SELECT * FROM traces WHERE project_id = 'p1' ORDER BY start_time DESC LIMIT 51`),
  );
  const cases: [string, RunListQuery][] = [
    ["newest 50", {}],
    ["status=error", { status: "error" }],
    ["sort by cost", { sort: "costUsd" }],
    ["name contains 'run 42'", { q: "run 42" }],
    ["model + min cost", { model: "gpt-4o", minCost: 5 }],
    ["last hour", { from: new Date(Date.now() - 3600_000) }],
  ];
  for (const [label, q] of cases) {
    const p50 = await time(`listRuns ${label}`, () => listRuns(pool, "p1", { limit: 50, ...q }));
    console.log(`${"".padEnd(44)} ratio to floor ${(p50 / Math.max(floor, 0.01)).toFixed(1)}x`);
  }
  const first = await listRuns(pool, "p1", { limit: 50 });
  await time("listRuns page 2 (cursor)", () => listRuns(pool, "p1", { limit: 50, cursor: first.nextCursor! }));

  // The first page's runs get spans, stored the way the collector stores them.
  const ingest = new SpanIngest(pool, { retentionIntervalMs: null });
  await ingest.start();
  const system = { role: "system", content: "You are a careful coding agent. ".repeat(40) };
  for (const [i, run] of first.runs.entries()) {
    const start = Date.parse(run.startTime);
    const user = { role: "user", content: `fix failing test number ${i} in the parser` };
    const args = JSON.stringify({ path: `src/parser${i}.ts` });
    const spans: NormalizedSpan[] = [
      makeSpan({ traceId: run.traceId, spanId: `a${String(i).padStart(15, "0")}`, name: "agent", type: "agent", startTimeMs: start, endTimeMs: start + 9000,
        input: { kind: "messages", messages: [user] }, output: { kind: "text", text: `done ${i}` } }),
      makeSpan({ traceId: run.traceId, spanId: `b${String(i).padStart(15, "0")}`, parentSpanId: `a${String(i).padStart(15, "0")}`, name: "chat", type: "llm",
        startTimeMs: start + 10, endTimeMs: start + 900, input: { kind: "messages", messages: [system, user] },
        output: { kind: "messages", messages: [{ role: "assistant", content: "reading the file" }] } }),
      makeSpan({ traceId: run.traceId, spanId: `c${String(i).padStart(15, "0")}`, parentSpanId: `a${String(i).padStart(15, "0")}`, name: "read_file", type: "tool",
        startTimeMs: start + 1000, endTimeMs: start + 1100, tool: { name: "read_file", callId: `call-${i}`, arguments: args, result: "export const x = 1;" },
        input: contentFromValue(args), output: contentFromValue("export const x = 1;") }),
    ];
    await ingest.write("p1", spans);
  }
  await ingest.close();
  const withSpans = await time("listRuns newest 50, runs with stored spans", () => listRuns(pool, "p1", { limit: 50 }));
  console.log(`${"".padEnd(44)} ratio to floor ${(withSpans / Math.max(floor, 0.01)).toFixed(1)}x`);
  await pool.end();
} finally {
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}

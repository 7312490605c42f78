/**
 * OTLP ingestion benchmark (`npm run bench:ingest`, docs/benchmarks.md "Ingestion").
 *
 * Starts a private embedded Postgres with its durable defaults (fsync and
 * synchronous_commit on) in a temp dir, migrates it, starts the standalone collector as
 * a child process, and measures in one run against the same server:
 *   1. end-to-end throughput: N spans (~700-byte LLM/tool spans with gen_ai.*
 *      attributes) over OTLP/HTTP protobuf from C concurrent clients, each export
 *      acknowledged only after commit; export latency p50/p99; collector peak RSS;
 *   2. offered load: a fixed rate (spans/s) for a few seconds, open loop, p50/p99, and
 *      where each export's time went inside the collector (its timing log lines);
 *   3. the raw COPY rate of the same stored rows into a copy of the spans table;
 * and prints the ratio of 1 to 3. Options: --spans --concurrency --batch --rate (spans/s,
 * or "half": half the throughput phase 1 measured) --offered-seconds --client
 * exporter|raw --json <file> --cpu-prof <dir> --env K=V --node-arg <flag> --collector-flags <flags>
 * --copy-variants. Peak collector RSS is sampled
 * per phase; the offered phase runs on a freshly started (and warmed) collector.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApiKey, createPool, createPrisma, ensureProject, seedGenaiPrices } from "@onset/db";
import { applyMigrations, startEmbeddedPostgres } from "@onset/db/runtime";
import { COLLECTOR_NODE_FLAGS } from "../src/node-flags";
import { startCollectorProcess } from "../test-support/collector-process";
import { CollectorTiming, timingLines } from "./collector-timing";
import { copyInto, measureRawCopy } from "./copy-baseline";
import { postmasterPid, processCpuSeconds, treeCpuSeconds } from "./process-cpu";
import { prepare, runOffered, runThroughput, type BatchSource, type ClientKind, type LoadResult } from "./ingest-load";
import { SpanPool } from "./span-pool";

const { values: args } = parseArgs({
  options: {
    spans: { type: "string", default: "200000" },
    concurrency: { type: "string", default: "8" },
    batch: { type: "string", default: "512" },
    rate: { type: "string", default: "half" },
    "offered-seconds": { type: "string", default: "10" },
    client: { type: "string", default: "exporter" },
    json: { type: "string" },
    "cpu-prof": { type: "string" },
    // Collector environment for the run, e.g. --env ONSET_INGEST_BATCH_SPANS=2000 (repeatable).
    env: { type: "string", multiple: true, default: [] },
    // Node/V8 flags for the collector on top of the deployed ones (src/node-flags.ts),
    // e.g. --node-arg=--max-semi-space-size=4 (repeatable).
    "node-arg": { type: "string", multiple: true, default: [] },
    // The deployed flags replaced ("" for none), e.g. --collector-flags="" to compare.
    "collector-flags": { type: "string" },
    // After the baseline, the same rows COPYed in 1,024-row transactions into a plain
    // copy and into the partitioned spans table: what of Postgres's CPU per span is the
    // transaction size and what the partition routing (docs/benchmarks.md).
    "copy-variants": { type: "boolean", default: false },
  },
});
const N = Number(args.spans);
const C = Number(args.concurrency);
const BATCH = Number(args.batch);
const HALF = args.rate === "half";
if (!HALF && !(Number(args.rate) > 0)) throw new Error('--rate is spans/s or "half"');
const OFFERED_SECONDS = Number(args["offered-seconds"]);
const CLIENT = args.client as ClientKind;
const COLLECTOR_FLAGS = args["collector-flags"] === undefined ? COLLECTOR_NODE_FLAGS : args["collector-flags"].split(/\s+/).filter(Boolean);
const POOL = 50_000; // spans generated once and replayed as new runs (span-pool.ts)
if (CLIENT !== "exporter" && CLIENT !== "raw") throw new Error("--client is exporter or raw");

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (b: number) => `${fmt(b / 1024 / 1024)} MB`;
const log = (m: string) => process.stderr.write(`${m}\n`);

/** `spans` spans in BATCH-span exports, from pool position `offset` on. */
function batches(pool: SpanPool, offset: number, spans: number): BatchSource {
  const count = Math.ceil(spans / BATCH);
  const size = (i: number) => Math.min(BATCH, spans - i * BATCH);
  return { count, spans: size, batch: (i) => pool.slice(offset + i * BATCH, size(i)) };
}

const dir = await mkdtemp(path.join(tmpdir(), "onset-bench-"));
await chmod(dir, 0o755); // the server runs as `postgres` when we are root
const pg = await startEmbeddedPostgres({ dataDir: dir, database: "onset_bench" });
let collector: Awaited<ReturnType<typeof startCollectorProcess>> | undefined;
try {
  await applyMigrations(pg.url);
  const settings = await (async () => {
    const pool = createPool(pg.url, 1);
    const r = await pool.query("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version', 'shared_buffers')");
    await pool.end();
    return Object.fromEntries(r.rows.map((x: { name: string; setting: string }) => [x.name, x.setting]));
  })();
  const prisma = createPrisma(pg.url, 1);
  const project = (await ensureProject(prisma, "bench", "Bench")).project;
  const key = await createApiKey(prisma, project.id);
  await prisma.$disconnect();
  const pool = createPool(pg.url, 2);
  await seedGenaiPrices(pool);

  log(`generating a pool of ${fmt(POOL)} spans with the OpenTelemetry SDK ...`);
  const spanPool = new SpanPool(POOL, 1);
  const WARM = 10 * BATCH;
  const warm = prepare(batches(spanPool, 0, WARM), CLIENT);
  const main = prepare(batches(spanPool, WARM, N), CLIENT);

  // The offered phase's collector logs each export's timing and its event-loop delay
  // and memory every second (collector-timing.ts).
  const timing = new CollectorTiming();
  const startCollector = (timed = false) =>
    startCollectorProcess({
      databaseUrl: pg.url,
      env: {
        ...(timed ? { ONSET_LOG_LEVEL: "debug", ONSET_COLLECTOR_STATS_MS: "1000" } : {}),
        ...Object.fromEntries((args.env ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])),
      },
      collectorFlags: COLLECTOR_FLAGS,
      nodeArgs: [...(args["node-arg"] ?? []), ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${args["cpu-prof"]}`] : [])],
      onLine: timed ? timing.onLine : undefined,
    });
  collector = await startCollector();
  let peakRss = 0;
  // Peak RSS per phase, sampled every 50 ms (VmHWM gives only the whole run's).
  const phasePeak = { throughput: 0, offered: 0 };
  let phase: keyof typeof phasePeak | null = null;
  const sampler = setInterval(() => {
    const rss = collector!.rssBytes();
    peakRss = Math.max(peakRss, rss);
    if (phase) phasePeak[phase] = Math.max(phasePeak[phase], rss);
  }, 50);
  let target = { tracesUrl: collector.tracesUrl, headers: { authorization: `Bearer ${key.secret}` } };

  const pgPid = await postmasterPid(dir);
  let collectorPid = collector.pid;
  // CPU seconds used by each party during `run` (2 cores: at most 2 s per second of wall time).
  const withCpu = async <T>(run: () => Promise<T>): Promise<T & { cpu: { client: number; collector: number; postgres: number } }> => {
    const own = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const before = [own(), processCpuSeconds(collectorPid), pgPid ? treeCpuSeconds(pgPid) : 0];
    const result = await run();
    const after = [own(), processCpuSeconds(collectorPid), pgPid ? treeCpuSeconds(pgPid) : 0];
    return { ...result, cpu: { client: after[0]! - before[0]!, collector: after[1]! - before[1]!, postgres: after[2]! - before[2]! } };
  };

  log("warming up ...");
  await runThroughput(target, warm, C);
  log(`throughput: ${fmt(N)} spans, ${C} ${CLIENT} clients, ${BATCH}-span exports ...`);
  phase = "throughput";
  const throughput = await withCpu(() => runThroughput(target, main, C));
  phase = null;
  const RATE = HALF ? Math.round(throughput.spansPerSec / 2) : Number(args.rate);
  const offered = prepare(batches(spanPool, WARM + N, RATE * OFFERED_SECONDS), CLIENT);
  // The offered phase gets a fresh collector, warmed up the same way: a process's RSS
  // stays near its peak after a heavy phase, so RSS "at half load" is measured alone.
  peakRss = Math.max(peakRss, collector.peakRssBytes());
  await collector.stop();
  collector = await startCollector(true);
  collectorPid = collector.pid;
  target = { ...target, tracesUrl: collector.tracesUrl };
  await runThroughput(target, prepare(batches(spanPool, WARM + N + RATE * OFFERED_SECONDS, WARM), CLIENT), C);
  log(`offered load: ${fmt(RATE)} spans/s for ${OFFERED_SECONDS} s ...`);
  phase = "offered";
  timing.start();
  const steady = await withCpu(() => runOffered(target, offered, RATE, C));
  phase = null;
  await timing.stop();
  const inside = timing.summary();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, collector.peakRssBytes());
  await collector.stop();
  collector = undefined;

  // Ack-after-commit: every span of every acknowledged export is stored (failed exports
  // may have been stored too, when only the answer was lost).
  const stored = (await pool.query("SELECT count(*)::int AS n FROM spans WHERE project_id = $1", [project.id])).rows[0].n as number;
  const acked = 2 * WARM + throughput.spans + steady.spans;
  if (stored < acked) throw new Error(`stored ${stored} spans, but ${acked} were acknowledged`);
  log(`raw COPY of the ${fmt(stored)} stored rows into a copy of spans ...`);
  const copy = await withCpu(() => measureRawCopy(pool, project.id, 5000));
  const variants: [string, Awaited<ReturnType<typeof measureRawCopy>> & { cpu: { client: number; collector: number; postgres: number } }][] = [];
  if (args["copy-variants"]) {
    log("raw COPY variants ...");
    variants.push(["plain copy, 1,024-row transactions", await withCpu(() => copyInto(pool, project.id, 1024, "copy"))]);
    variants.push(["partitioned spans, 1,024-row transactions", await withCpu(() => copyInto(pool, project.id, 1024, { spansAsProject: `${project.id}-copy` }))]);
    variants.push(["partitioned spans, 5,000-row transactions", await withCpu(() => copyInto(pool, project.id, 5000, { spansAsProject: `${project.id}-copy5` }))]);
  }
  await pool.end();

  const ratio = throughput.spansPerSec / copy.rowsPerSec;
  type Cpu = { cpu: { client: number; collector: number; postgres: number } };
  const perSpan = (s: number, n: number) => `${fmt((s / n) * 1e6)} µs`;
  const cpuLine = (r: Cpu, n: number) =>
    `  CPU per span: client ${perSpan(r.cpu.client, n)}, collector ${perSpan(r.cpu.collector, n)}, Postgres ${perSpan(r.cpu.postgres, n)}`;
  const line = (name: string, r: LoadResult & Cpu) =>
    `${name} ${fmt(r.spansPerSec)} spans/s (${fmt(r.spans)} spans in ${fmt(r.seconds, 1)} s), export latency p50 ${fmt(r.latency.p50)} ms, p99 ${fmt(r.latency.p99)} ms, max ${fmt(r.latency.max)} ms; ${r.retries} retried 503s, ${r.failures} failed exports${r.failures ? ` ${JSON.stringify(r.failureReasons)}` : ""}\n${cpuLine(r, r.spans)}`;
  console.log(
    [
      `Onset ingest benchmark: OTLP/HTTP protobuf -> collector (child process) -> PostgreSQL ${settings.server_version} (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}); collector node flags: ${[...COLLECTOR_FLAGS, ...(args["node-arg"] ?? [])].join(" ") || "none"}`,
      line(`end to end, ${C} ${CLIENT} clients:`, throughput) + `\n  collector peak RSS in this phase: ${mb(phasePeak.throughput)}`,
      line(`offered ${fmt(RATE)} spans/s${HALF ? " (half the end-to-end throughput)" : ""}:`, steady) +
        `\n  collector peak RSS in this phase: ${mb(phasePeak.offered)}\n${timingLines(inside)}`,
      `raw COPY of the same rows (${fmt(copy.bytesPerRow)} bytes/row, 5,000-row transactions): ${fmt(copy.rowsPerSec)} rows/s\n${cpuLine(copy, copy.rows)}`,
      ...variants.map(([name, v]) => `raw COPY variant, ${name}: ${fmt(v.rowsPerSec)} rows/s\n${cpuLine(v, v.rows)}`),
      `ratio end to end / raw COPY: ${fmt(ratio, 2)} (target >= 0.8); offered-load p99 ${fmt(steady.latency.p99)} ms (target < 250 ms at half the maximum)`,
      `collector peak RSS over the whole run: ${mb(peakRss)} (target < 300 MB at half load)`,
    ].join("\n"),
  );
  if (args.json) {
    await writeFile(args.json, JSON.stringify({ spans: N, concurrency: C, batch: BATCH, client: CLIENT, settings, throughput, offered: { rate: RATE, ...steady, inside }, copy, ratio, peakRssBytes: peakRss, phasePeakRssBytes: phasePeak }, null, 2));
  }
} finally {
  await collector?.kill();
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}

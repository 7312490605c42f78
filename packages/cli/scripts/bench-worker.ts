/**
 * What one worker (`onset start --role worker`) gets through: quiet-run analyses per
 * second off the Postgres job queue, and the queue's own cost per job (no-op jobs through
 * the same fetch-one, complete-one loop). Prints figures; docs/scaling.md quotes them.
 *
 *   cd packages/cli && npx tsx scripts/bench-worker.ts [--runs 300] [--spans 40] [--noop 3000]
 *
 * A private embedded PostgreSQL (durable defaults) in a temp directory, migrated; runs of
 * `--spans` spans (an agent span over alternating chat and tool spans, every fourth run
 * repeating one search: a loop) written through the real ingest path and made quiet;
 * then one worker in this process scans and analyzes them all (analysis in one worker
 * thread, ONSET_ANALYSIS_THREADS's default).
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPool, ensureProject, createPrisma, SpanIngest } from "@onset/db";
import { applyMigrations, startEmbeddedPostgres } from "@onset/db/runtime";
import { normalizedSpan, type NormalizedSpan } from "@onset/otlp";
import { openJobQueue } from "../src/jobs/job-queue";
import { startWorker } from "../src/jobs/worker-role";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "300" }, spans: { type: "string", default: "40" }, noop: { type: "string", default: "3000" } },
});
const RUNS = Number(args.runs);
const SPANS = Number(args.spans);
const NOOP = Number(args.noop);
const WARMUP = Math.min(10, Math.floor(RUNS / 4));

function run(r: number, t0: number): NormalizedSpan[] {
  const traceId = r.toString(16).padStart(32, "b");
  const root = `${(r + 1).toString(16).padStart(8, "0")}ffffffff`;
  const spans = [normalizedSpan({ traceId, spanId: root, name: "invoke_agent", type: "agent", startTimeMs: t0, endTimeMs: t0 + SPANS * 1000 })];
  for (let i = 1; i < SPANS; i++) {
    const base = { traceId, spanId: `${(r + 1).toString(16).padStart(8, "0")}${i.toString(16).padStart(8, "0")}`, parentSpanId: root, startTimeMs: t0 + i * 1000, endTimeMs: t0 + i * 1000 + 500 };
    spans.push(
      i % 2
        ? normalizedSpan({ ...base, name: "chat gpt-4o", type: "llm", model: "gpt-4o", usage: { input: 1200, output: 150, cacheRead: null, cacheWrite: null, reasoning: null }, costUsd: 0.004 })
        : normalizedSpan({
            ...base,
            name: "execute_tool search",
            type: "tool",
            tool: { name: "search", callId: `c${i}`, arguments: JSON.stringify({ q: r % 4 === 0 ? "same" : `q${i}` }), result: r % 4 === 0 ? "none" : `hit ${i}` },
          }),
    );
  }
  return spans;
}

const dir = await mkdtemp(path.join(tmpdir(), "onset-bench-worker-"));
await chmod(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: dir, database: "onset_bench" });
try {
  await applyMigrations(pg.url);
  const pool = createPool(pg.url, 4);
  const prisma = createPrisma(pg.url, 1);
  const project = (await ensureProject(prisma, "bench", "Bench")).project.id;
  const ingest = new SpanIngest(pool);
  await ingest.start();
  const t0 = Date.UTC(2026, 11, 1);
  for (let r = 0; r < RUNS; r++) await ingest.write(project, run(r, t0 + r * 60_000));
  await ingest.close();
  await pool.query(`UPDATE traces SET updated_at = now() - interval '1 hour'`);
  console.log(`stored ${RUNS} runs x ${SPANS} spans`);

  const boss = await openJobQueue(pg.url, { expireSeconds: 300, maintenanceSeconds: 30 }, { supervise: true, onError: (e) => console.error(e.message) });
  const log = { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
  const w0 = performance.now();
  const stop = await startWorker({
    boss,
    pool,
    alerts: { evaluateWindows: async () => {}, deliverDue: async () => 0, recheckRun: async () => 0 },
    quietMs: 1_000,
    scanEveryMs: 1_000,
    windowEvalMs: 30_000,
    deliverEveryMs: 1_000,
    log,
  });
  const analyzedNow = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM traces WHERE analyzed_at = updated_at`)).rows[0]!.n;
  // The first analyses also start the analysis thread (and compile it): measure after them.
  let warm: { n: number; at: number; cpu: NodeJS.CpuUsage } | null = null;
  for (;;) {
    const n = await analyzedNow();
    if (!warm && n >= WARMUP) warm = { n, at: performance.now(), cpu: process.cpuUsage() };
    if (n >= RUNS) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const end = performance.now();
  const cpu = process.cpuUsage(warm!.cpu);
  await stop();
  const measured = RUNS - warm!.n;
  const wall = (end - warm!.at) / 1000;
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  console.log(
    `analysis: all ${RUNS} runs in ${((end - w0) / 1000).toFixed(1)} s; after the first ${warm!.n}: ${measured} runs in ${wall.toFixed(1)} s = ` +
      `${(measured / wall).toFixed(1)} runs/s (${((measured * SPANS) / wall).toFixed(0)} spans/s analyzed), ` +
      `worker CPU ${((cpuSec / measured) * 1000).toFixed(1)} ms per run = ${((cpuSec / (measured * SPANS)) * 1e6).toFixed(0)} µs per span`,
  );

  // The queue alone: no-op jobs through the same fetch loop (one job per fetch, 0.5 s idle poll).
  await boss.createQueue("bench-noop", { name: "bench-noop" });
  for (let i = 0; i < NOOP; i += 500) {
    await boss.insert(Array.from({ length: Math.min(500, NOOP - i) }, () => ({ name: "bench-noop", data: {} })));
  }
  // The same fetch-one, complete-one loop the worker runs analyses with (worker-role.ts).
  let done = 0;
  const n0 = performance.now();
  const c0 = process.cpuUsage();
  while (done < NOOP) {
    for (const job of await boss.fetch("bench-noop")) {
      await boss.complete("bench-noop", job.id, {});
      done++;
    }
  }
  const nWall = (performance.now() - n0) / 1000;
  const nCpu = process.cpuUsage(c0);
  console.log(
    `queue: ${NOOP} no-op jobs fetched and completed one at a time in ${nWall.toFixed(1)} s = ${(NOOP / nWall).toFixed(0)} jobs/s; ` +
      `worker CPU ${(((nCpu.user + nCpu.system) / 1e6 / NOOP) * 1e6).toFixed(0)} µs per job`,
  );
  await boss.stop({ graceful: true, wait: true });
  await pool.end();
  await prisma.$disconnect();
} finally {
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}

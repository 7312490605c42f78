/**
 * Ack-after-commit under a crash (docs/spec/design.md §3.3: "acknowledge an export only after its
 * spans are committed"). The standalone collector runs as a child process under
 * sustained load from concurrent exporters (raw OTLP/protobuf POSTs made by the
 * exporters' own serializer), is SIGKILLed mid-load, and restarted on the same ports.
 * Every span of every export that got a 200 must be in Postgres, and every run summary
 * must agree with its stored spans (they commit in one transaction). Re-sending what
 * was never acknowledged, as exporters do, must then leave no gaps and no double counts.
 *
 *   load      |=======================x.......|=================|
 *   collector |=== first process =====|  down  |=== restarted ===|
 *                                 SIGKILL    restart
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createPool, createPrisma, ensureProject, type Pool, type Prisma } from "@onset/db";
import { createTestDatabase, type TestDatabase } from "@onset/db/test-support";
import { startCollectorProcess, type CollectorProcess } from "../test-support/collector-process";
import { LlmRunSpans } from "../test-support/llm-run-spans";
import { protobufBody } from "../test-support/otlp-bodies";
import { sendRaw } from "../test-support/raw-http";

const WORKERS = 6;

interface Export {
  body: Buffer;
  keys: string[];
  acked: boolean;
}

describe("durability: the collector SIGKILLed under load", () => {
  let db: TestDatabase;
  let pool: Pool;
  let prisma: Prisma;
  let proc: CollectorProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 2);
    prisma = createPrisma(db.url, 1);
  });
  afterAll(async () => {
    await proc?.kill();
    await pool?.end();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("stores every span of every acknowledged export, and nothing half-way", async () => {
    const project = (await ensureProject(prisma, "durable", "Durable")).project;
    const key = await createApiKey(prisma, project.id);
    proc = await startCollectorProcess({ databaseUrl: db.url });
    const { httpPort, grpcPort } = proc;

    const source = new LlmRunSpans(7, 8);
    const exports: Export[] = [];
    const failures = new Map<string, number>();
    let stop = false;
    let acked = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
    const send = async (e: Export) => {
      try {
        const res = await sendRaw(proc!.tracesUrl, {
          headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${key.secret}` },
          body: e.body,
          agent,
        });
        if (res.status === 200) {
          e.acked = true;
          acked++;
        } else failures.set(`HTTP ${res.status}`, (failures.get(`HTTP ${res.status}`) ?? 0) + 1);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        failures.set(code, (failures.get(code) ?? 0) + 1);
      }
    };
    const worker = async (w: number) => {
      while (!stop) {
        // Batches of 20..220 spans: a run's spans often arrive over several exports.
        const spans = source.next(20 + ((exports.length * 37 + w * 11) % 200));
        const e: Export = { body: protobufBody(spans), keys: spans.map((s) => `${s.spanContext().traceId}:${s.spanContext().spanId}`), acked: false };
        exports.push(e);
        await send(e);
        if (!e.acked) await new Promise((r) => setTimeout(r, 100)); // an exporter's retry backoff
      }
    };
    const waitAcked = async (n: number) => {
      const end = Date.now() + 30_000;
      while (acked < n) {
        if (Date.now() > end) throw new Error(`only ${acked} exports acknowledged:\n${proc?.output()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await waitAcked(80);
    await proc.kill(); // mid-load: exports are in flight, some inside a transaction
    const ackedAtKill = acked;
    await new Promise((r) => setTimeout(r, 300)); // exporters keep trying against a dead port
    proc = await startCollectorProcess({ databaseUrl: db.url, httpPort, grpcPort });
    await waitAcked(ackedAtKill + 60);
    stop = true;
    await load;
    agent.destroy();

    const lost = [...failures.entries()].reduce((a, [, n]) => a + n, 0);
    console.info(`durability: ${exports.length} exports, ${ackedAtKill} acked before SIGKILL, ${acked} in all; unacknowledged: ${JSON.stringify(Object.fromEntries(failures))}`);
    expect(lost).toBeGreaterThan(0); // the kill really hit exports in flight

    const stored = async () => {
      const r = await pool.query<{ k: string }>("SELECT trace_id || ':' || span_id AS k FROM spans WHERE project_id = $1", [project.id]);
      return new Set(r.rows.map((x) => x.k));
    };
    const consistent = async () => {
      // Every run summary counts exactly the spans stored for it.
      const r = await pool.query(
        `SELECT t.trace_id, t.span_count, t.input_tokens, s.n, s.input
           FROM traces t JOIN (SELECT trace_id, count(*)::int AS n, coalesce(sum(input_tokens), 0)::bigint AS input
                                 FROM spans WHERE project_id = $1 GROUP BY trace_id) s USING (trace_id)
          WHERE t.project_id = $1 AND (t.span_count <> s.n OR t.input_tokens <> s.input)`,
        [project.id],
      );
      return r.rows;
    };

    let have = await stored();
    const missing = exports.filter((e) => e.acked).flatMap((e) => e.keys.filter((k) => !have.has(k)));
    expect(missing).toEqual([]);
    expect(await consistent()).toEqual([]);

    // Exporters retry what was not acknowledged; some of it was committed before the
    // kill (the response was lost), so the retry must not count it twice.
    for (const e of exports.filter((x) => !x.acked)) await send(e);
    expect(exports.every((e) => e.acked)).toBe(true);
    have = await stored();
    expect(exports.flatMap((e) => e.keys.filter((k) => !have.has(k)))).toEqual([]);
    expect(have.size).toBe(exports.reduce((a, e) => a + e.keys.length, 0));
    expect(await consistent()).toEqual([]);
    await proc.stop();
    expect(proc.child.exitCode).toBe(0); // SIGTERM: clean shutdown after draining
  }, 120_000);
});

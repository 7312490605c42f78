/**
 * What the collector does when Postgres cannot keep up or fails: a bounded write queue
 * (ONSET_MAX_QUEUED_SPANS) that answers 503 + Retry-After at once instead of buffering
 * without limit (OTLP spec "Failures": 503 is retryable and Retry-After is honoured),
 * acknowledgement only after commit, and a failed transaction leaving nothing behind.
 *
 * The database is made slow by locking the `traces` table from another connection:
 * a flush gets through COPY into its staging table and then waits on the summary upsert.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun } from "@onset/db";
import { captureAgentRun, protobufBody } from "../test-support/otlp-bodies";
import { rpcStatusOf } from "../test-support/otlp-responses";
import { grpcExport } from "../test-support/raw-grpc";
import { sendRaw, type RawResponse } from "../test-support/raw-http";
import { expectStoredRun } from "../test-support/stored-run";
import { startTestCollector, type TestCollector } from "../test-support/test-collector";

const MAX_QUEUED = 20; // spans; a run is 7 spans, so two runs fit and the third does not

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("backpressure and storage failures", () => {
  let t: TestCollector;
  let locker: pg.Client;

  beforeAll(async () => {
    // One project fills the whole queue here (the per-project share is quotas.test.ts's).
    t = await startTestCollector({ maxQueuedSpans: MAX_QUEUED, projectQueueShare: 1 });
    locker = new pg.Client({ connectionString: t.db.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.query("ROLLBACK").catch(() => {});
    await locker?.end();
    await t?.close();
  });

  const post = (body: Buffer): Promise<RawResponse> =>
    sendRaw(t.tracesUrl, { headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${t.projectA.key.secret}` }, body });

  it("answers 503 + Retry-After once the queue is full, keeps memory bounded, and stores what it acknowledged", async () => {
    const runs = Array.from({ length: 3 }, (_, i) => captureAgentRun({ sessionId: `bp-${i}`, userId: "u" }, "svc-bp"));
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE traces IN ACCESS EXCLUSIVE MODE");

    // Two runs are taken and wait for the lock: not acknowledged while uncommitted.
    let acked = 0;
    const first = post(protobufBody(runs[0]!.spans)).then((r) => (acked++, r));
    const second = post(protobufBody(runs[1]!.spans)).then((r) => (acked++, r));
    await until(() => t.collector.ingest.backlog === 14, "two runs queued");

    // The third would pass the bound: refused at once, while the database is still blocked.
    const started = Date.now();
    const refused = await post(protobufBody(runs[2]!.spans));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(rpcStatusOf(refused)).toEqual({ code: 14, message: "ingest queue is full, retry later" }); // UNAVAILABLE
    // gRPC says the same with UNAVAILABLE and retry-after metadata.
    const viaGrpc = await grpcExport(t.grpcUrl, protobufBody(runs[2]!.spans), { authorization: `Bearer ${t.projectA.key.secret}` });
    expect(viaGrpc).toMatchObject({ code: 14, details: "ingest queue is full, retry later", metadata: { "retry-after": "1" } });

    // A flood while blocked: every request answered 503, the backlog never past the bound,
    // the heap not growing with the flood (bodies are dropped, not queued).
    const heapBefore = process.memoryUsage().heapUsed;
    let maxBacklog = 0;
    const sampler = setInterval(() => (maxBacklog = Math.max(maxBacklog, t.collector.ingest.backlog)), 1);
    const flood = await Promise.all(Array.from({ length: 300 }, (_, i) => post(protobufBody(captureAgentRun({ sessionId: `flood-${i}`, userId: "u" }).spans))));
    clearInterval(sampler);
    expect(flood.map((r) => r.status)).toEqual(flood.map(() => 503));
    expect(maxBacklog).toBeLessThanOrEqual(MAX_QUEUED);
    expect(t.collector.ingest.backlog).toBe(14);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect(acked).toBe(0);

    await locker.query("ROLLBACK");
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    // The refused run, retried as the client would, now goes through.
    expect((await post(protobufBody(runs[2]!.spans))).status).toBe(200);
    for (const [i, r] of runs.entries()) {
      await expectStoredRun(t.collector.pool, t.projectA.id, r.run, { sessionId: `bp-${i}`, userId: "u", serviceName: "svc-bp" });
    }
    expect(t.collector.ingest.backlog).toBe(0);
  });

  it("answers 503 + Retry-After when the transaction fails, and leaves no half-written run", async () => {
    const run = captureAgentRun({ sessionId: "killed", userId: "u" }, "svc-killed");
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE traces IN ACCESS EXCLUSIVE MODE");
    const pending = post(protobufBody(run.spans));
    // The flush is inside its transaction (spans COPYed to staging) waiting on the lock:
    // kill its connection, as a Postgres restart or a network cut would.
    await until(async () => {
      const r = await locker.query("SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'traces'::regclass AND NOT granted");
      return r.rows[0].n > 0;
    }, "the flush to wait on the lock");
    await locker.query(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE relation = 'traces'::regclass AND NOT granted AND pid <> pg_backend_pid()",
    );
    const res = await pending;
    await locker.query("ROLLBACK");
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(rpcStatusOf(res)).toEqual({ code: 14, message: "storage is unavailable, retry later" });
    expect(await getRun(t.collector.pool, t.projectA.id, run.run.traceId)).toBeNull();
    const spans = await t.collector.pool.query("SELECT count(*)::int AS n FROM spans WHERE trace_id = $1", [run.run.traceId]);
    expect(spans.rows[0].n).toBe(0);

    // The pool replaces the dead connection: the client's retry is stored.
    const retry = await post(protobufBody(run.spans));
    expect(retry.status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, run.run, { sessionId: "killed", userId: "u", serviceName: "svc-killed" });
  });
});

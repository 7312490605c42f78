/**
 * The collector's guards against hostile clients, over real sockets: a gzip bomb with a
 * bad key is refused (401) before its body is read, let alone inflated; a project over
 * its span rate gets 429 + Retry-After (gRPC: RESOURCE_EXHAUSTED with retry-after)
 * while another project is served; spans past the per-trace limit are refused through
 * partial success; a project past its bytes for the day gets 429 until midnight UTC;
 * slow and surplus connections (HTTP and gRPC) are cut; deep JSON and huge attribute
 * counts are answered promptly.
 */
import net from "node:net";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createApiKey, ensureProject, getRun } from "@onset/db";
import { captureAgentRun, protobufBody } from "../test-support/otlp-bodies";
import { partialSuccessOf } from "../test-support/otlp-responses";
import { grpcExport } from "../test-support/raw-grpc";
import { sendRaw } from "../test-support/raw-http";
import { useTestCollector } from "../test-support/test-collector";

const proto = (key: string) => ({ "content-type": "application/x-protobuf", authorization: `Bearer ${key}` });

describe("unauthenticated and hostile requests", () => {
  const t = useTestCollector({ maxConnections: 8, maxGrpcConnections: 4, headersTimeoutMs: 1000, requestTimeoutMs: 3000 });

  it("answers a gzip bomb with a bad key 401 before reading its body", async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024)); // ~16 KB that inflates to 16 MiB
    const started = Date.now();
    // Only the first 100 bytes are sent and the request stays open: the answer can only
    // come before the body was read (and so before anything was inflated).
    const res = await sendRaw(t.tracesUrl, {
      headers: { ...proto("not-a-key"), "content-encoding": "gzip", "content-length": bomb.length },
      body: bomb,
      sendOnly: 100,
    });
    expect(res.status).toBe(401);
    expect(res.headers.connection).toBe("close");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("answers a request without any key 401 the same way", async () => {
    const res = await sendRaw(t.tracesUrl, {
      headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip", "content-length": 1_000_000 },
      body: Buffer.alloc(1_000_000),
      sendOnly: 10,
    });
    expect(res.status).toBe(401);
  });

  it("cuts a client that does not finish its headers in time", async () => {
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const s = net.connect(t.collector.httpPort, "127.0.0.1", () => s.write("POST /v1/traces HTTP/1.1\r\nHost: x\r\n"));
      let got = "";
      s.on("data", (d) => (got += d.toString()));
      s.on("close", () => resolve(got));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses connections past the limit and serves again once they close", async () => {
    const sockets = await Promise.all(
      Array.from({ length: 8 }, () => new Promise<net.Socket>((resolve) => {
        const s = net.connect(t.collector.httpPort, "127.0.0.1", () => resolve(s));
        s.on("error", () => {});
      })),
    );
    const extra = await new Promise<boolean>((resolve) => {
      const s = net.connect(t.collector.httpPort, "127.0.0.1");
      s.on("close", () => resolve(true));
      s.on("error", () => resolve(true)); // reset by the server: refused too
      s.on("data", () => resolve(false));
      s.on("connect", () => s.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
    });
    expect(extra).toBe(true); // closed without an answer
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await sendRaw(t.tracesUrl.replace("/v1/traces", "/health"), { method: "GET" })).status).toBe(200);
  });

  it("closes gRPC connections past ONSET_OTLP_GRPC_MAX_CONNECTIONS and serves again once they close", async () => {
    const open = () =>
      new Promise<net.Socket>((resolve) => {
        const s = net.connect(t.collector.grpcPort, "127.0.0.1", () => resolve(s));
        s.on("error", () => {});
      });
    const sockets = await Promise.all(Array.from({ length: 4 }, open));
    const extra = await new Promise<boolean>((resolve) => {
      const s = net.connect(t.collector.grpcPort, "127.0.0.1");
      s.on("close", () => resolve(true));
      s.on("error", () => resolve(true));
      s.on("data", () => resolve(false)); // an HTTP/2 SETTINGS frame: it was taken
    });
    expect(extra).toBe(true);
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const ok = await grpcExport(t.grpcUrl.replace("http://", ""), protobufBody(captureAgentRun({ sessionId: "grpc-cap", userId: "u" }).spans), {
      authorization: `Bearer ${t.projectA.key.secret}`,
    });
    expect(ok.code).toBe(0);
  });

  it("answers deeply nested JSON and a span with 100,000 attributes promptly, and keeps serving", async () => {
    let value = '{"stringValue":"leaf"}';
    for (let i = 0; i < 5000; i++) value = `{"kvlistValue":{"values":[{"key":"k","value":${value}}]}}`;
    const span = (attrs: string) =>
      `{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{},"spans":[{"traceId":"${"ab".repeat(16)}","spanId":"${"cd".repeat(8)}","name":"s","kind":1,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000","attributes":${attrs}}]}]}]}`;
    const deep = span(`[{"key":"deep","value":${value}}]`);
    const many = span(`[${Array.from({ length: 100_000 }, (_, i) => `{"key":"k${i}","value":{"intValue":"${i}"}}`).join(",")}]`);
    for (const body of [deep, many]) {
      const started = performance.now();
      const res = await sendRaw(t.tracesUrl, { headers: { "content-type": "application/json", authorization: `Bearer ${t.projectA.key.secret}` }, body });
      expect([200, 400]).toContain(res.status);
      // Wall time on a shared 2-core machine; the CPU each costs is in docs/benchmarks.md.
      expect(performance.now() - started).toBeLessThan(10_000);
    }
    // The 100,000-attribute span is stored with 1,000 of them and the rest counted.
    const stored = await getRun(t.collector.pool, t.projectA.id, "ab".repeat(16));
    const attrs = stored!.spans[0]!.attributes as Record<string, unknown>;
    expect(Object.keys(attrs).length).toBeLessThanOrEqual(1001);
    expect(attrs["onset.otlp.dropped_attributes_count"]).toBe(99_000);
    const ok = await sendRaw(t.tracesUrl, { headers: proto(t.projectA.key.secret), body: protobufBody(captureAgentRun({ sessionId: "after", userId: "u" }).spans) });
    expect(ok.status).toBe(200);
  });
});

describe("per-project quotas", () => {
  // A 7-span run passes (the bucket may go into debt once); the next one waits.
  const t = useTestCollector({ spansPerSec: 1, burstSpans: 1, maxSpansPerTrace: 5 });

  it("answers 429 + Retry-After over the span rate, over HTTP and gRPC, and serves other projects", async () => {
    const first = captureAgentRun({ sessionId: "q-1", userId: "u" });
    expect((await sendRaw(t.tracesUrl, { headers: proto(t.projectA.key.secret), body: protobufBody(first.spans) })).status).toBe(200);
    const second = await sendRaw(t.tracesUrl, { headers: proto(t.projectA.key.secret), body: protobufBody(captureAgentRun({ sessionId: "q-2", userId: "u" }).spans) });
    expect(second.status).toBe(429);
    expect(Number(second.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const grpc = await grpcExport(t.grpcUrl.replace("http://", ""), protobufBody(captureAgentRun({ sessionId: "q-3", userId: "u" }).spans), {
      authorization: `Bearer ${t.projectA.key.secret}`,
    });
    expect(grpc.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(Number(grpc.metadata["retry-after"])).toBeGreaterThanOrEqual(1);
    const other = await sendRaw(t.tracesUrl, { headers: proto(t.projectB.key.secret), body: protobufBody(captureAgentRun({ sessionId: "q-b", userId: "u" }).spans) });
    expect(other.status).toBe(200);
  });

  it("refuses spans past the per-trace limit through partial success and stores the rest", async () => {
    const project = (await ensureProject(t.prisma, "project-c", "Project C")).project; // a bucket of its own
    const key = await createApiKey(t.prisma, project.id, { name: "c" });
    const run = captureAgentRun({ sessionId: "q-trace", userId: "u" });
    expect(run.spans.length).toBe(7);
    const res = await sendRaw(t.tracesUrl, { headers: proto(key.secret), body: protobufBody(run.spans) });
    expect(res.status).toBe(200);
    const partial = partialSuccessOf(res);
    expect(partial.rejectedSpans).toBe(2);
    expect(partial.errorMessage).toMatch(/ONSET_MAX_SPANS_PER_TRACE/);
    const stored = await getRun(t.collector.pool, project.id, run.spans[0]!.spanContext().traceId);
    expect(stored?.spans.length).toBe(5);
  });
});

describe("bytes per day", () => {
  // The first export spends the day (it passes: the count was under the quota); the next waits for midnight UTC.
  const t = useTestCollector({ bytesPerDay: 1000 });

  it("answers 429 + Retry-After (until midnight UTC) once a project's bytes for the day are spent, over HTTP and gRPC; others go on", async () => {
    const body = protobufBody(captureAgentRun({ sessionId: "b-1", userId: "u" }).spans);
    expect(body.length).toBeGreaterThan(1000);
    expect((await sendRaw(t.tracesUrl, { headers: proto(t.projectA.key.secret), body })).status).toBe(200);
    const refused = await sendRaw(t.tracesUrl, { headers: proto(t.projectA.key.secret), body: protobufBody(captureAgentRun({ sessionId: "b-2", userId: "u" }).spans) });
    expect(refused.status).toBe(429);
    const toMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(toMidnight);
    const grpc = await grpcExport(t.grpcUrl.replace("http://", ""), protobufBody(captureAgentRun({ sessionId: "b-3", userId: "u" }).spans), {
      authorization: `Bearer ${t.projectA.key.secret}`,
    });
    expect(grpc.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(Number(grpc.metadata["retry-after"])).toBeGreaterThan(0);
    const other = await sendRaw(t.tracesUrl, { headers: proto(t.projectB.key.secret), body: protobufBody(captureAgentRun({ sessionId: "b-b", userId: "u" }).spans) });
    expect(other.status).toBe(200);
  });
});

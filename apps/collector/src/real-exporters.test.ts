/**
 * The collector against the real OpenTelemetry exporters an agent would run: every
 * transport (OTLP/HTTP protobuf, OTLP/HTTP JSON, OTLP/gRPC), both span processors
 * (a batch = one request per run; simple = one request per span, children first),
 * gzip on and off, each of the three ways to present a key. Every case sends the
 * multi-agent run of test/agent-run.ts and reads it back from Postgres field by field.
 */
import { describe, expect, it } from "vitest";
import { getRun, listRuns, revokeApiKey, createApiKey } from "@onset/db";
import { emitAgentRun } from "../test-support/agent-run";
import { authHeaders, createExporter, RecordingExporter, traceWith, type AuthMode, type ProcessorKind, type Transport } from "../test-support/sdk-exporters";
import { expectStoredRun } from "../test-support/stored-run";
import { useTestCollector } from "../test-support/test-collector";

interface Case {
  why: string;
  transport: Transport;
  processor: ProcessorKind;
  gzip: boolean;
  auth: AuthMode;
  project: "A" | "B";
}

const CASES: Case[] = [
  { why: "the default Node setup: protobuf, batched, Bearer", transport: "http/protobuf", processor: "batch", gzip: false, auth: "bearer", project: "A" },
  { why: "one request per span, children arriving before parents, gzip", transport: "http/protobuf", processor: "simple", gzip: true, auth: "basic", project: "B" },
  { why: "OTLP/JSON from the JS exporter (intValue as numbers), gzip", transport: "http/json", processor: "batch", gzip: true, auth: "x-api-key", project: "A" },
  { why: "OTLP/JSON span by span", transport: "http/json", processor: "simple", gzip: false, auth: "bearer", project: "B" },
  { why: "gRPC with grpc-encoding gzip and Basic credentials in metadata", transport: "grpc", processor: "batch", gzip: true, auth: "basic", project: "A" },
  { why: "gRPC span by span with x-api-key metadata", transport: "grpc", processor: "simple", gzip: false, auth: "x-api-key", project: "B" },
];

describe("real OpenTelemetry exporters into the collector", () => {
  const t = useTestCollector();

  it.each(CASES)("$transport, $processor processor, gzip=$gzip, $auth: $why", async (c) => {
    const project = c.project === "A" ? t.projectA : t.projectB;
    const other = c.project === "A" ? t.projectB : t.projectA;
    const exporter = new RecordingExporter(createExporter(t, c.transport, authHeaders(project.key, c.auth), { gzip: c.gzip }));
    const who = { sessionId: `sess-${c.transport}-${c.processor}`, userId: `user-${c.auth}`, serviceName: `svc-${c.transport}` };
    const run = await traceWith(exporter, c.processor, (tracer) => emitAgentRun(tracer, who), who.serviceName);

    expect(exporter.failures()).toEqual([]);
    // A batch processor sends the run as one request; a simple one sends each span.
    expect(exporter.results.map((r) => r.spans)).toEqual(c.processor === "batch" ? [7] : [1, 1, 1, 1, 1, 1, 1]);
    await expectStoredRun(t.collector.pool, project.id, run, who);
    // The key decides the project: nothing of this run is visible from the other one.
    expect(await getRun(t.collector.pool, other.id, run.traceId)).toBeNull();
    expect((await listRuns(t.collector.pool, other.id, { limit: 500 })).runs.map((r) => r.traceId)).not.toContain(run.traceId);
  });

  it("acknowledges a re-sent run without changing it (idempotent on project, trace, span)", async () => {
    // The exporter's retry after a lost response re-sends the same spans: same ids, same times.
    const spans: import("@opentelemetry/sdk-trace-base").ReadableSpan[] = [];
    const capture = {
      export: (s: import("@opentelemetry/sdk-trace-base").ReadableSpan[], done: (r: { code: number }) => void) => {
        spans.push(...s);
        done({ code: 0 });
      },
      shutdown: async () => {},
    };
    const who = { sessionId: "sess-resend", userId: "user-resend", serviceName: "svc-resend" };
    const run = await traceWith(capture, "batch", (tracer) => emitAgentRun(tracer, who), who.serviceName);
    for (const transport of ["http/protobuf", "http/json", "grpc", "http/protobuf"] as const) {
      const exporter = new RecordingExporter(createExporter(t, transport, authHeaders(t.projectA.key, "bearer")));
      await new Promise<void>((resolve) => exporter.export(spans, () => resolve()));
      expect(exporter.failures(), transport).toEqual([]);
      await exporter.shutdown();
    }
    await expectStoredRun(t.collector.pool, t.projectA.id, run, who);
  });

  it("refuses exports whose credentials do not resolve, on every transport", async () => {
    const revoked = await createApiKey(t.prisma, t.projectA.id, { name: "revoked" });
    await revokeApiKey(t.prisma, t.projectA.id, revoked.id);
    const cases: { why: string; headers: Record<string, string> }[] = [
      { why: "no key at all", headers: {} },
      { why: "an unknown secret", headers: { authorization: "Bearer onset_sk_not_a_key" } },
      { why: "a revoked key", headers: authHeaders(revoked, "bearer") },
      { why: "project B's public half with project A's secret", headers: authHeaders({ publicKey: t.projectB.key.publicKey, secret: t.projectA.key.secret }, "basic") },
    ];
    for (const transport of ["http/protobuf", "http/json", "grpc"] as const) {
      for (const c of cases) {
        const exporter = new RecordingExporter(createExporter(t, transport, c.headers, { timeoutMillis: 3000 }));
        const run = await traceWith(exporter, "batch", (tracer) => emitAgentRun(tracer, { sessionId: "x", userId: "y" }));
        const failures = exporter.failures();
        expect(failures, `${transport}: ${c.why}`).toHaveLength(1);
        expect(failures[0], `${transport}: ${c.why}`).toMatch(/401|UNAUTHENTICATED|Unauthorized|16/i);
        expect(await getRun(t.collector.pool, t.projectA.id, run.traceId)).toBeNull();
        expect(await getRun(t.collector.pool, t.projectB.id, run.traceId)).toBeNull();
      }
    }
  });
});

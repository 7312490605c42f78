/**
 * OTLP/gRPC refusals and partial success, sent with a bare grpc-js client so the bytes
 * can be anything (OTLP spec "OTLP/gRPC": failures are gRPC statuses; a partly bad
 * batch is OK with partial_success in the ExportTraceServiceResponse).
 */
import { describe, expect, it } from "vitest";
import { getRun } from "@onset/db";
import { alterSpan, captureAgentRun, protobufBody } from "../test-support/otlp-bodies";
import { decodeExportResponse } from "../test-support/otlp-responses";
import { grpcExport } from "../test-support/raw-grpc";
import { expectStoredRun } from "../test-support/stored-run";
import { useTestCollector } from "../test-support/test-collector";

const MAX_BODY = 256 * 1024;

describe("OTLP/gRPC refusals and partial success", () => {
  const t = useTestCollector({ maxBodyBytes: MAX_BODY });
  const bearer = () => ({ authorization: `Bearer ${t.projectB.key.secret}` });

  const CASES: { why: string; body: () => Buffer; headers: () => Record<string, string>; code: number; details: RegExp }[] = [
    {
      why: "bytes that are not protobuf",
      body: () => Buffer.from("this is not protobuf, it is prose"),
      headers: bearer,
      code: 3, // INVALID_ARGUMENT
      details: /not a valid OTLP ExportTraceServiceRequest protobuf/,
    },
    {
      why: "no credentials in the metadata",
      body: () => protobufBody(captureAgentRun({ sessionId: "s", userId: "u" }).spans),
      headers: () => ({}),
      code: 16, // UNAUTHENTICATED
      details: /missing API key/,
    },
    {
      why: "a key no project has",
      body: () => protobufBody(captureAgentRun({ sessionId: "s", userId: "u" }).spans),
      headers: () => ({ "x-api-key": "onset_sk_nobody" }),
      code: 16,
      details: /invalid or revoked API key/,
    },
    {
      why: "a message over ONSET_MAX_BODY_BYTES (grpc.max_receive_message_length)",
      body: () => Buffer.alloc(MAX_BODY + 1),
      headers: bearer,
      code: 8, // RESOURCE_EXHAUSTED
      details: /larger than max/i,
    },
  ];

  it.each(CASES)("refuses $why", async (c) => {
    const out = await grpcExport(t.grpcUrl, c.body(), c.headers());
    expect(out.code).toBe(c.code);
    expect(out.details).toMatch(c.details);
  });

  it("stores the good spans of a partly bad batch and answers OK with partial_success", async () => {
    const who = { sessionId: "grpc-partial", userId: "u", serviceName: "svc-grpc" };
    const run = captureAgentRun(who, who.serviceName);
    const bad = alterSpan(run.spans[0]!, { spanId: "0".repeat(16) });
    const out = await grpcExport(t.grpcUrl, protobufBody([...run.spans, bad]), bearer(), { gzip: true });
    expect(out.code).toBe(0);
    expect(decodeExportResponse(out.response!)).toEqual({ rejectedSpans: 1, errorMessage: "1 span rejected: span_id is all zeros" });
    await expectStoredRun(t.collector.pool, t.projectB.id, run.run, who);
    expect(await getRun(t.collector.pool, t.projectA.id, run.run.traceId)).toBeNull();
  });

  it("answers a full success with an empty ExportTraceServiceResponse", async () => {
    const run = captureAgentRun({ sessionId: "s", userId: "u" });
    const out = await grpcExport(t.grpcUrl, protobufBody(run.spans), bearer());
    expect(out.code).toBe(0);
    expect(out.response).toEqual(Buffer.alloc(0));
  });

  it("does not inflate a gzip bomb past the limit", async () => {
    // grpc-js applies max_receive_message_length to the decompressed message too.
    // The client gzips 32 MB of zeros into a few dozen KB on the wire.
    const out = await grpcExport(t.grpcUrl, Buffer.alloc(32 * 1024 * 1024), bearer(), { gzip: true });
    expect(out.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(out.details).toMatch(/decompresses to a size larger than 262144/);
  });
});

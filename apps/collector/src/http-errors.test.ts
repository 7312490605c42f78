/**
 * Every way an OTLP/HTTP request can be refused (OTLP spec "OTLP/HTTP Response":
 * failures carry a google.rpc.Status in the request's encoding), and the partial
 * success answer when only some spans of a batch are bad. docs/spec/design.md §3.1: bad input is
 * a 4xx naming the broken contract, never a 5xx.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, getRun, listRuns, revokeApiKey } from "@onset/db";
import { EXPECTED_RUN } from "../test-support/agent-run";
import { alterSpan, captureAgentRun, jsonBody, protobufBody, type CapturedRun } from "../test-support/otlp-bodies";
import { partialSuccessOf, rpcStatusOf } from "../test-support/otlp-responses";
import { sendRaw, type RawRequest } from "../test-support/raw-http";
import { expectStoredRun } from "../test-support/stored-run";
import { startTestCollector, type TestCollector } from "../test-support/test-collector";

const MAX_BODY = 256 * 1024;
const PROTO = "application/x-protobuf";
const JSON_TYPE = "application/json";

// gRPC status codes google.rpc.Status.code carries (grpc/status.proto).
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
const UNAUTHENTICATED = 16;

interface RefusalCase {
  why: string;
  path?: string;
  request: () => RawRequest;
  status: number;
  /** Encoding the error body must come back in. */
  answer: "protobuf" | "json";
  code: number;
  message: RegExp;
  header?: [string, string];
}

describe("OTLP/HTTP refusals and partial success", () => {
  let t: TestCollector;
  let sample: CapturedRun;
  let revokedSecret: string;
  const bearer = () => ({ authorization: `Bearer ${t.projectA.key.secret}` });

  beforeAll(async () => {
    t = await startTestCollector({ maxBodyBytes: MAX_BODY });
    sample = captureAgentRun({ sessionId: "s", userId: "u" });
    const revoked = await createApiKey(t.prisma, t.projectA.id, { name: "old" });
    await revokeApiKey(t.prisma, t.projectA.id, revoked.id);
    revokedSecret = revoked.secret;
  });
  afterAll(async () => {
    await t?.close();
  });

  const valid = () => protobufBody(sample.spans);

  const CASES: RefusalCase[] = [
    {
      why: "bytes that are not protobuf at all (field 14 with an end-group wire type)",
      request: () => ({ headers: { "content-type": PROTO, ...bearer() }, body: "this is not protobuf, it is prose" }),
      status: 400, answer: "protobuf", code: INVALID_ARGUMENT, message: /not a valid OTLP ExportTraceServiceRequest protobuf/,
    },
    {
      why: "a valid request cut in half: the ResourceSpans length runs past the end",
      request: () => ({ headers: { "content-type": PROTO, ...bearer() }, body: valid().subarray(0, 200) }),
      status: 400, answer: "protobuf", code: INVALID_ARGUMENT, message: /runs past the end/,
    },
    {
      why: "JSON that does not parse",
      request: () => ({ headers: { "content-type": JSON_TYPE, ...bearer() }, body: '{"resourceSpans": [' }),
      status: 400, answer: "json", code: INVALID_ARGUMENT, message: /not valid JSON/,
    },
    {
      why: "JSON of the wrong shape (resourceSpans is not a list)",
      request: () => ({ headers: { "content-type": JSON_TYPE, ...bearer() }, body: '{"resourceSpans": "all of them"}' }),
      status: 400, answer: "json", code: INVALID_ARGUMENT, message: /resourceSpans must be an array/,
    },
    {
      why: "a JSON array where the request object belongs",
      request: () => ({ headers: { "content-type": "application/json; charset=utf-8", ...bearer() }, body: "[]" }),
      status: 400, answer: "json", code: INVALID_ARGUMENT, message: /must be an object with resourceSpans/,
    },
    {
      why: "Content-Encoding: gzip on a body that is not gzip",
      request: () => ({ headers: { "content-type": PROTO, "content-encoding": "gzip", ...bearer() }, body: valid() }),
      status: 400, answer: "protobuf", code: INVALID_ARGUMENT, message: /not valid gzip/,
    },
    {
      why: "no credentials at all (refused before the body is read)",
      request: () => ({ headers: { "content-type": PROTO }, body: valid() }),
      status: 401, answer: "protobuf", code: UNAUTHENTICATED, message: /missing API key/,
    },
    {
      why: "a key no project has",
      request: () => ({ headers: { "content-type": JSON_TYPE, "x-api-key": "onset_sk_nobody" }, body: jsonBody(sample.spans) }),
      status: 401, answer: "json", code: UNAUTHENTICATED, message: /invalid or revoked API key/,
    },
    {
      why: "a revoked key",
      request: () => ({ headers: { "content-type": PROTO, authorization: `Bearer ${revokedSecret}` }, body: valid() }),
      status: 401, answer: "protobuf", code: UNAUTHENTICATED, message: /invalid or revoked API key/,
    },
    {
      why: "Basic credentials without the public:secret pair",
      request: () => ({ headers: { "content-type": PROTO, authorization: `Basic ${Buffer.from("just-a-secret").toString("base64")}` }, body: valid() }),
      status: 401, answer: "protobuf", code: UNAUTHENTICATED, message: /missing API key/,
    },
    {
      why: "a declared Content-Length over ONSET_MAX_BODY_BYTES: refused before the upload finishes",
      request: () => ({ headers: { "content-type": PROTO, ...bearer(), "content-length": 64 * 1024 * 1024 }, body: Buffer.alloc(4096), sendOnly: 4096 }),
      status: 413, answer: "protobuf", code: RESOURCE_EXHAUSTED, message: /67108864 bytes exceeds the limit of 262144 bytes/,
    },
    {
      why: "a chunked upload (no Content-Length) that grows past the limit",
      request: () => ({ headers: { "content-type": JSON_TYPE, ...bearer(), "transfer-encoding": "chunked" }, body: Buffer.alloc(MAX_BODY + 10, 32) }),
      status: 413, answer: "json", code: RESOURCE_EXHAUSTED, message: /exceeds the limit of 262144 bytes/,
    },
    {
      why: "a gzip bomb: 100 KB on the wire that inflates to 64 MB",
      request: () => ({ headers: { "content-type": PROTO, "content-encoding": "gzip", ...bearer() }, body: gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }) }),
      status: 413, answer: "protobuf", code: RESOURCE_EXHAUSTED, message: /decompressed body exceeds the limit of 262144 bytes/,
    },
    {
      why: "a content type OTLP/HTTP does not define",
      request: () => ({ headers: { "content-type": "text/plain", ...bearer() }, body: valid() }),
      status: 415, answer: "json", code: INVALID_ARGUMENT, message: /unsupported Content-Type "text\/plain"/,
    },
    {
      why: "no content type at all",
      request: () => ({ headers: { ...bearer() }, body: valid() }),
      status: 415, answer: "json", code: INVALID_ARGUMENT, message: /unsupported Content-Type ""/,
    },
    {
      why: "a compression OTLP does not define (brotli)",
      request: () => ({ headers: { "content-type": PROTO, "content-encoding": "br", ...bearer() }, body: valid() }),
      status: 415, answer: "protobuf", code: INVALID_ARGUMENT, message: /unsupported Content-Encoding "br"/,
    },
    {
      why: "a path that is no OTLP signal",
      path: "/v1/profiles",
      request: () => ({ headers: { "content-type": PROTO, ...bearer() }, body: valid() }),
      status: 404, answer: "json", code: 13, message: /OTLP goes to POST \/v1\/traces, \/v1\/logs or \/v1\/metrics/,
    },
    {
      why: "GET on the traces endpoint",
      request: () => ({ method: "GET" }),
      status: 405, answer: "json", code: 13, message: /use POST/, header: ["allow", "POST"],
    },
  ];

  it.each(CASES)("$status: $why", async (c) => {
    const url = c.path ? t.tracesUrl.replace("/v1/traces", c.path) : t.tracesUrl;
    const res = await sendRaw(url, c.request());
    expect(res.status).toBe(c.status);
    expect(res.headers["content-type"]).toBe(c.answer === "protobuf" ? PROTO : JSON_TYPE);
    const status = rpcStatusOf(res);
    expect(status.code).toBe(c.code);
    expect(status.message).toMatch(c.message);
    if (c.header) expect(res.headers[c.header[0]]).toBe(c.header[1]);
  });

  it("answers GET /health with {status: ok} once the database is migrated", async () => {
    const res = await sendRaw(t.tracesUrl.replace("/v1/traces", "/health"), { method: "GET" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ status: "ok" });
  });

  it("accepts gzip-compressed bodies in both encodings", async () => {
    for (const [ctype, body] of [[PROTO, protobufBody], [JSON_TYPE, jsonBody]] as const) {
      const run = captureAgentRun({ sessionId: `gz-${ctype}`, userId: "u" }, "svc-gzip");
      const res = await sendRaw(t.tracesUrl, { headers: { "content-type": ctype, "content-encoding": "gzip", ...bearer() }, body: gzipSync(body(run.spans)) });
      expect(res.status, ctype).toBe(200);
      expect(partialSuccessOf(res)).toEqual({ rejectedSpans: 0, errorMessage: "" });
      await expectStoredRun(t.collector.pool, t.projectA.id, run.run, { sessionId: `gz-${ctype}`, userId: "u", serviceName: "svc-gzip" });
    }
  });

  // A batch where a buggy SDK broke two spans: one with an all-zero trace id, one with
  // no start time. The seven good spans are stored; the answer counts the two bad ones.
  //   good: planner, planLlm, worker, step1Llm, readFile, step2Llm, runTests
  //   bad:  copy of planLlm with trace_id 000..0; copy of readFile with start 0
  it.each([
    { encoding: "protobuf", ctype: PROTO, body: protobufBody },
    { encoding: "json", ctype: JSON_TYPE, body: jsonBody },
  ] as const)("stores the good spans of a partly bad $encoding batch and answers partial_success", async ({ encoding, ctype, body }) => {
    const who = { sessionId: `partial-${encoding}`, userId: "u", serviceName: `svc-partial-${encoding}` };
    const run = captureAgentRun(who, who.serviceName);
    const bad = [
      alterSpan(run.spans[1]!, { traceId: "0".repeat(32), spanId: "00000000000000aa" }),
      alterSpan(run.spans[2]!, { spanId: "00000000000000bb", startTime: [0, 0] }),
    ];
    const mixed = body([...run.spans.slice(0, 3), ...bad, ...run.spans.slice(3)]);
    const send = () => sendRaw(t.tracesUrl, { headers: { "content-type": ctype, ...bearer() }, body: mixed });

    const res = await send();
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(ctype);
    const partial = partialSuccessOf(res);
    expect(partial.rejectedSpans).toBe(2);
    expect(partial.errorMessage).toMatch(/trace_id is all zeros/);
    expect(partial.errorMessage).toMatch(/start_time_unix_nano is missing or 0/);
    await expectStoredRun(t.collector.pool, t.projectA.id, run.run, who);

    // Re-sending the same batch changes nothing, the run's totals included.
    const before = await listRuns(t.collector.pool, t.projectA.id, { limit: 500 });
    const again = await send();
    expect(again.status).toBe(200);
    expect(partialSuccessOf(again)).toEqual(partial);
    expect(await listRuns(t.collector.pool, t.projectA.id, { limit: 500 })).toEqual(before);
    expect((await getRun(t.collector.pool, t.projectA.id, run.run.traceId))!.spans).toHaveLength(EXPECTED_RUN.length);
  });

  it("answers a batch whose every span is bad with 200 and all of them rejected", async () => {
    // OTLP: a well-formed request is accepted even when no span survives; the client must not retry it.
    const run = captureAgentRun({ sessionId: "s", userId: "u" });
    const res = await sendRaw(t.tracesUrl, {
      headers: { "content-type": PROTO, ...bearer() },
      body: protobufBody(run.spans.map((s) => alterSpan(s, { traceId: "0".repeat(32) }))),
    });
    expect(res.status).toBe(200);
    expect(partialSuccessOf(res)).toMatchObject({ rejectedSpans: 7, errorMessage: expect.stringMatching(/^7 spans rejected: trace_id is all zeros/) });
  });
});

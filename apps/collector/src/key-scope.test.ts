/**
 * The collector takes spans only from keys with the `ingest` scope (docs/security.md
 * "Users, roles and keys"): a read-only key gets 403 naming the scope, over HTTP and
 * gRPC's status mapping alike, and stores nothing.
 */
import { describe, expect, it } from "vitest";
import { createApiKey, listRuns } from "@onset/db";
import { captureAgentRun, protobufBody } from "../test-support/otlp-bodies";
import { rpcStatusOf } from "../test-support/otlp-responses";
import { sendRaw } from "../test-support/raw-http";
import { useTestCollector } from "../test-support/test-collector";

describe("key scopes at the collector", () => {
  const t = useTestCollector();

  it("refuses a key without the ingest scope with 403 and stores nothing", async () => {
    const reader = await createApiKey(t.prisma, t.projectB.id, { name: "reader", scopes: ["read"] });
    const body = protobufBody(captureAgentRun({ sessionId: "s", userId: "u" }).spans);
    const res = await sendRaw(t.tracesUrl, {
      headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${reader.secret}` },
      body,
    });
    expect(res.status).toBe(403);
    expect(rpcStatusOf(res).message).toMatch(/lacks the "ingest" scope/);
    expect((await listRuns(t.collector.pool, t.projectB.id, {})).runs).toHaveLength(0);
  });

  it("takes the same spans from a key with the ingest scope", async () => {
    const sender = await createApiKey(t.prisma, t.projectB.id, { name: "sender", scopes: ["ingest"] });
    const body = protobufBody(captureAgentRun({ sessionId: "s", userId: "u" }).spans);
    const res = await sendRaw(t.tracesUrl, {
      headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${sender.secret}` },
      body,
    });
    expect(res.status).toBe(200);
  });
});

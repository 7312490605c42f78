/**
 * The per-project replay webhook through the real route handlers and a real database:
 * an admin sets it (a signing secret generated and shown once), a member sends a failed
 * run's replay bundle to a local receiver, which gets it signed, with the onset; a
 * receiver's error is reported, not hidden; a viewer can do neither; without a webhook,
 * or after it is removed, sending is a 409.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "@onset/alerts";
import { SpanIngest } from "@onset/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { failedCodingRun } from "@/server/test-support/coding-runs";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import { twoProjects } from "@/server/test-support/two-projects";
import * as settingsRoute from "../../../../settings/replay-webhook/route";
import * as sendRoute from "./route";

const SEND = sendRoute.POST as unknown as Handler;
const GET_SETTINGS = settingsRoute.GET as unknown as Handler;
const PATCH_SETTINGS = settingsRoute.PATCH as unknown as Handler;
const FAILED = "5".repeat(32);

describe("the replay webhook", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let receiver: Server;
  let hookUrl: string;
  const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  let answer = 200;
  let owner: Caller, viewer: Caller;

  beforeAll(async () => {
    // The receiver is on loopback, as in the e2e environment.
    process.env.ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS = "1";
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, headers: req.headers });
        res.writeHead(answer).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/replays`;
    server = await useTestServer();
    const { prisma, pool } = serverContext();
    const p = await twoProjects(prisma);
    ({ owner, viewer } = p);
    const ingest = new SpanIngest(pool);
    await ingest.start();
    await ingest.write(p.projectA, failedCodingRun(FAILED, Date.now() - 60_000));
    await ingest.close();
  });
  afterAll(async () => {
    delete process.env.ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS;
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
    await server?.close();
  });

  const send = (who: Caller) => call(SEND, who, "POST", `/v1/runs/${FAILED}/replay/send`, { params: { traceId: FAILED } });

  it("sends a failed run's bundle, signed, once the admin set the webhook", async () => {
    const none = await send(owner);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe("no_replay_webhook");

    const set = await call(PATCH_SETTINGS, owner, "PATCH", "/v1/settings/replay-webhook", { body: { url: hookUrl } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const secret: string = set.body.secret;
    expect(secret).toMatch(/^whsec_/);
    const read = await call(GET_SETTINGS, viewer, "GET", "/v1/settings/replay-webhook");
    expect(read.body).toEqual({ replayWebhook: { url: hookUrl, hasSecret: true } });
    expect(JSON.stringify(read.body)).not.toContain(secret);

    const sent = await send(owner);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toEqual({ delivered: true, statusCode: 200, error: null });
    expect(received).toHaveLength(1);
    const hook = received[0]!;
    expect(verifySignature(secret, hook.body, hook.headers["x-onset-signature"] as string)).toBe(true);
    expect(hook.headers["x-onset-replay-of"]).toBe(FAILED);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({ type: "replay", traceId: FAILED, bundle: { version: "replay/1", traceId: FAILED, onset: { stepId: "b000000000000003" } } });
    expect(body.bundle.diagnosis.message.role).toBe("user");
  });

  it("reports a receiver's error", async () => {
    answer = 500;
    const sent = await send(owner);
    answer = 200;
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ delivered: false, statusCode: 500 });
    expect(sent.body.error).toContain("500");
  });

  it("refuses a viewer, and sends nothing once the webhook is removed", async () => {
    expect((await send(viewer)).status).toBe(403);
    expect((await call(PATCH_SETTINGS, viewer, "PATCH", "/v1/settings/replay-webhook", { body: { url: hookUrl } })).status).toBe(403);
    expect((await call(PATCH_SETTINGS, owner, "PATCH", "/v1/settings/replay-webhook", { body: { url: "ftp://example.com/x" } })).status).toBe(400);
    const removed = await call(PATCH_SETTINGS, owner, "PATCH", "/v1/settings/replay-webhook", { body: { url: null } });
    expect(removed.body).toEqual({ replayWebhook: { url: null, hasSecret: false }, secret: null });
    expect((await send(owner)).status).toBe(409);
  });
});

/**
 * Every list endpoint has a maximum (issue 15 item 7): a `limit` beyond it is a 400 that
 * names it, a smaller one caps the page, and alert rules stop at MAX_RULES_PER_PROJECT
 * (409 on the next one). Real handlers, a real database.
 */
import { createRule, MAX_RULES_PER_PROJECT } from "@onset/alerts";
import { createApiKey, createPriceOverride, createUser, ensureProject, openSession } from "@onset/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertEvents from "@/app/api/v1/alerts/events/route";
import * as alertRules from "@/app/api/v1/alerts/rules/route";
import * as keys from "@/app/api/v1/keys/route";
import * as members from "@/app/api/v1/members/route";
import * as prices from "@/app/api/v1/prices/route";
import * as runs from "@/app/api/v1/runs/route";
import { MAX_KEYS_LISTED } from "@/contracts/keys";
import { MAX_MEMBERS_LISTED } from "@/contracts/members";
import { MAX_PRICE_ROWS } from "@/contracts/prices";
import { MAX_RUNS_PAGE } from "@/contracts/runs";
import { serverContext } from "./context";
import { call, type Caller, type Handler } from "./test-support/route-client";
import { useTestServer } from "./test-support/test-server";

const h = (f: unknown) => f as Handler;

describe("list endpoints are bounded", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let owner: Caller;
  let adminKey: Caller;
  let projectId = "";

  beforeAll(async () => {
    process.env.ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS = "1";
    server = await useTestServer();
    const prisma = serverContext().prisma;
    const user = await createUser(prisma, "owner@limits.test", "password-123");
    projectId = (await ensureProject(prisma, "limits", "Limits", { ownerId: user.id })).project.id;
    owner = { session: (await openSession(prisma, user.id)).token };
    adminKey = { key: (await createApiKey(prisma, projectId, { name: "admin", scopes: ["read", "admin"] })).secret };
    for (let i = 0; i < 3; i++) await createApiKey(prisma, projectId, { name: `k${i}` });
    for (let i = 0; i < 4; i++) {
      await createPriceOverride(serverContext().pool, projectId, { modelPattern: `^m${i}$`, modelName: `m${i}`, inputPerMtok: 1, outputPerMtok: 2 });
    }
  });
  afterAll(async () => server?.close());

  it.each([
    ["keys", keys.GET, "/v1/keys", MAX_KEYS_LISTED],
    ["prices", prices.GET, "/v1/prices", MAX_PRICE_ROWS],
    ["runs", runs.GET, "/v1/runs", MAX_RUNS_PAGE],
    ["alert rules", alertRules.GET, "/v1/alerts/rules", MAX_RULES_PER_PROJECT],
    ["alert events", alertEvents.GET, "/v1/alerts/events", 200],
  ])("%s: a limit above the maximum is a 400 naming it", async (_name, handler, path, max) => {
    const res = await call(h(handler), adminKey, "GET", `${path}?limit=${max + 1}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.message).toContain(`limit`);
    expect(res.body.error.message).toContain(String(max));
    expect((await call(h(handler), adminKey, "GET", `${path}?limit=${max}`)).status).toBe(200);
  });

  it("members: a limit above the maximum is a 400 (logins only)", async () => {
    const res = await call(h(members.GET), owner, "GET", `/v1/members?limit=${MAX_MEMBERS_LISTED + 1}`);
    expect(res.status).toBe(400);
    expect((await call(h(members.GET), owner, "GET", `/v1/members?limit=1`)).body.members).toHaveLength(1);
  });

  it("a smaller limit caps the page", async () => {
    const all = await call(h(keys.GET), adminKey, "GET", "/v1/keys");
    expect(all.body.keys).toHaveLength(4);
    const two = await call(h(keys.GET), adminKey, "GET", "/v1/keys?limit=2");
    expect(two.body.keys.map((k: { id: string }) => k.id)).toEqual(all.body.keys.slice(0, 2).map((k: { id: string }) => k.id));
    const prices3 = await call(h(prices.GET), adminKey, "GET", "/v1/prices?limit=3");
    expect(prices3.body.prices).toHaveLength(3);
  });

  it(`alert rules stop at ${MAX_RULES_PER_PROJECT} per project: the next one is a 409`, async () => {
    const rule = (i: number) => ({ name: `r${i}`, kind: "run_cost" as const, threshold: 1, webhookUrl: "http://127.0.0.1:9/hook" });
    const opts = { allowPrivateWebhooks: true };
    for (let i = 0; i < MAX_RULES_PER_PROJECT; i++) await createRule(serverContext().pool, projectId, rule(i), opts);
    const res = await call(h(alertRules.POST), adminKey, "POST", "/v1/alerts/rules", { body: rule(999) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("too_many_rules");
    const listed = await call(h(alertRules.GET), adminKey, "GET", "/v1/alerts/rules");
    expect(listed.body.rules).toHaveLength(MAX_RULES_PER_PROJECT);
  });
});

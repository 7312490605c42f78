/**
 * The retention endpoint through the real route handlers and a real database: unset by
 * default, set and cleared by an owner or an admin key, refused to a viewer and a
 * read-only key, strict about its body, and one project's setting never another's.
 */
import { type Prisma } from "@onset/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverContext } from "@/server/context";
import { call, type Caller, type Handler } from "@/server/test-support/route-client";
import { useTestServer } from "@/server/test-support/test-server";
import { projectKey, twoProjects } from "@/server/test-support/two-projects";
import * as route from "./route";

const h = (f: unknown) => f as Handler;
const path = "/v1/retention";

describe("GET/PATCH /api/v1/retention", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let prisma: Prisma;
  let owner: Caller, viewer: Caller, readKey: Caller, adminKey: Caller, otherKey: Caller;

  beforeAll(async () => {
    server = await useTestServer();
    prisma = serverContext().prisma;
    const p = await twoProjects(prisma);
    ({ owner, viewer, readKey } = p);
    adminKey = await projectKey(prisma, p.projectA, "admin", ["read", "admin"]);
    otherKey = await projectKey(prisma, p.projectB, "b", ["read", "admin"]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("keeps everything until someone sets a retention", async () => {
    const res = await call(h(route.GET), adminKey, "GET", path);
    expect([res.status, res.body]).toEqual([200, { retentionDays: null }]);
  });

  it("sets and clears it with admin rights, for that project only", async () => {
    const set = await call(h(route.PATCH), adminKey, "PATCH", path, { body: { retentionDays: 30 } });
    expect([set.status, set.body]).toEqual([200, { retentionDays: 30 }]);
    expect((await call(h(route.GET), readKey, "GET", path)).body).toEqual({ retentionDays: 30 });
    expect((await call(h(route.GET), otherKey, "GET", path)).body).toEqual({ retentionDays: null });
    const cleared = await call(h(route.PATCH), adminKey, "PATCH", path, { body: { retentionDays: null } });
    expect(cleared.body).toEqual({ retentionDays: null });
  });

  it("refuses a viewer and a read-only key, and bodies that are not a whole number of days", async () => {
    expect((await call(h(route.PATCH), viewer, "PATCH", path, { body: { retentionDays: 7 } })).status).toBe(403);
    expect((await call(h(route.PATCH), readKey, "PATCH", path, { body: { retentionDays: 7 } })).status).toBe(403);
    for (const body of [{ retentionDays: 0 }, { retentionDays: 1.5 }, { retentionDays: "30" }, { retentionDays: 30, extra: 1 }, {}]) {
      expect((await call(h(route.PATCH), owner, "PATCH", path, { body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(h(route.GET), adminKey, "GET", path)).body).toEqual({ retentionDays: null });
  });
});

/**
 * Users, roles and keys through the real route handlers and a real database
 * (docs/security.md "Users, roles and keys"): a viewer reads but cannot write; a member
 * of project A gets 404 for project B by id and by slug, as for an unknown project; an
 * ingest-only key gets 403 naming the scope on rules, prices and keys; members and
 * invites follow the owner/admin rules; an invite link makes a second user who sees only
 * the invited project.
 */
import { createApiKey, createUser, ensureProject, grantMembership, openSession, type Prisma } from "@onset/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertRules from "@/app/api/v1/alerts/rules/route";
import * as importRoute from "@/app/api/v1/import/route";
import * as keys from "@/app/api/v1/keys/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as invites from "@/app/api/v1/members/invites/route";
import * as prices from "@/app/api/v1/prices/route";
import * as projects from "@/app/api/v1/projects/route";
import * as select from "@/app/api/v1/projects/[id]/select/route";
import * as runs from "@/app/api/v1/runs/route";
import * as accept from "@/app/api/auth/invite/accept/route";
import * as preview from "@/app/api/auth/invite/preview/route";
import { serverContext } from "./context";
import { call, sessionFrom, type Caller, type Handler } from "./test-support/route-client";
import { useTestServer } from "./test-support/test-server";

const h = (f: unknown) => f as Handler;
const rule = { name: "cost", kind: "run_cost", threshold: 1, webhookUrl: "http://127.0.0.1:9/hook" };
const price = { modelPattern: "^acme$", inputPerMtok: 1, outputPerMtok: 2 };

describe("roles, project membership and key scopes at the API", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let prisma: Prisma;
  const A = { id: "", slug: "team-a" };
  const B = { id: "", slug: "team-b" };
  let owner: Caller, admin: Caller, memberA: Caller, viewer: Caller;
  let ownerId = "", adminId = "";
  let ingestKey: Caller, readKey: Caller, adminKey: Caller;

  beforeAll(async () => {
    process.env.ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS = "1";
    server = await useTestServer();
    prisma = serverContext().prisma;
    const mk = async (email: string) => {
      const u = await createUser(prisma, email, "password-123");
      return { id: u.id, caller: { session: (await openSession(prisma, u.id)).token } };
    };
    const o = await mk("owner@a.test");
    ownerId = o.id;
    owner = o.caller;
    A.id = (await ensureProject(prisma, A.slug, "Team A", { ownerId })).project.id;
    B.id = (await ensureProject(prisma, B.slug, "Team B", { ownerId })).project.id;
    const a = await mk("admin@a.test");
    adminId = a.id;
    admin = a.caller;
    await grantMembership(prisma, A.id, adminId, "admin");
    const m = await mk("member@a.test");
    memberA = m.caller;
    await grantMembership(prisma, A.id, m.id, "member");
    const v = await mk("viewer@a.test");
    viewer = v.caller;
    await grantMembership(prisma, A.id, v.id, "viewer");
    ingestKey = { key: (await createApiKey(prisma, A.id, { name: "sender" })).secret };
    readKey = { key: (await createApiKey(prisma, A.id, { name: "reader", scopes: ["read"] })).secret };
    adminKey = { key: (await createApiKey(prisma, A.id, { name: "ops", scopes: ["read", "admin"] })).secret };
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lets a viewer read and refuses every write with 403", async () => {
    expect((await call(h(runs.GET), viewer, "GET", "/v1/runs")).status).toBe(200);
    for (const [f, path, body] of [
      [alertRules.POST, "/v1/alerts/rules", rule],
      [prices.POST, "/v1/prices", price],
      [keys.POST, "/v1/keys", { name: "x" }],
      [invites.POST, "/v1/members/invites", { role: "viewer" }],
    ] as const) {
      const res = await call(h(f), viewer, "POST", path, { body });
      expect(res.status, path).toBe(403);
      expect(res.body.error.message, path).toMatch(/role or higher; yours in this project is viewer/);
    }
    const upload = await call(h(importRoute.POST), viewer, "POST", "/v1/import?filename=x.json", { body: {} });
    expect(upload.status).toBe(403);
  });

  it("lets a member write alert rules but not settings", async () => {
    expect((await call(h(alertRules.POST), memberA, "POST", "/v1/alerts/rules", { body: rule })).status).toBe(201);
    expect((await call(h(prices.POST), memberA, "POST", "/v1/prices", { body: price })).status).toBe(403);
    expect((await call(h(keys.POST), memberA, "POST", "/v1/keys", { body: { name: "x" } })).status).toBe(403);
    expect((await call(h(prices.POST), admin, "POST", "/v1/prices", { body: price })).status).toBe(201);
  });

  it("answers 404 for a project the user is not a member of, by id or slug, exactly as for an unknown one", async () => {
    const unknown = await call(h(runs.GET), memberA, "GET", "/v1/runs?project=no-such-project");
    expect(unknown.status).toBe(404);
    for (const ref of [B.id, B.slug]) {
      const res = await call(h(runs.GET), memberA, "GET", `/v1/runs?project=${ref}`);
      expect(res.status, ref).toBe(404);
      expect(res.body.error.code).toBe(unknown.body.error.code);
      expect((await call(h(select.POST), memberA, "POST", `/v1/projects/${ref}/select`, { params: { id: ref } })).status).toBe(404);
      expect((await call(h(alertRules.POST), memberA, "POST", `/v1/alerts/rules?project=${ref}`, { body: rule })).status).toBe(404);
    }
    // The owner of both opens B by either.
    expect((await call(h(runs.GET), owner, "GET", `/v1/runs?project=${B.slug}`)).status).toBe(200);
    // A key of A naming B is the same 404.
    expect((await call(h(runs.GET), readKey, "GET", `/v1/runs?project=${B.id}`)).status).toBe(404);
    // The project list holds only the user's projects.
    const list = await call(h(projects.GET), memberA, "GET", "/v1/projects");
    expect(list.body.projects.map((p: { slug: string; role: string }) => [p.slug, p.role])).toEqual([[A.slug, "member"]]);
    // A page's ?project= makes that project the current one when it is the user's; another
    // project's slug is only echoed back as unknown (the page says so), never listed.
    const named = await call(h(projects.GET), owner, "GET", `/v1/projects?project=${B.slug}`);
    expect(named.body).toMatchObject({ currentProjectId: B.id, unknownProject: null });
    const foreign = await call(h(projects.GET), memberA, "GET", `/v1/projects?project=${B.slug}`);
    expect(foreign.body).toMatchObject({ currentProjectId: A.id, unknownProject: B.slug });
    expect(JSON.stringify(foreign.body.projects)).not.toContain(B.id);
  });

  it("refuses an ingest-only key on rules, prices and keys with 403 naming the scope", async () => {
    for (const [f, method, path, body] of [
      [alertRules.POST, "POST", "/v1/alerts/rules", rule],
      [alertRules.GET, "GET", "/v1/alerts/rules", undefined],
      [prices.POST, "POST", "/v1/prices", price],
      [keys.POST, "POST", "/v1/keys", { name: "x" }],
      [keys.GET, "GET", "/v1/keys", undefined],
      [runs.GET, "GET", "/v1/runs", undefined],
    ] as const) {
      const res = await call(h(f), ingestKey, method, path, { body });
      const scope = method === "GET" ? "read" : "admin";
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toMatchObject({ code: "missing_scope", scope });
      expect(res.body.error.message).toContain(`lacks the "${scope}" scope`);
    }
    // A read key reads, but cannot upload (ingest) or write.
    expect((await call(h(runs.GET), readKey, "GET", "/v1/runs")).status).toBe(200);
    const upload = await call(h(importRoute.POST), readKey, "POST", "/v1/import?filename=x.json", { body: {} });
    expect(upload.body.error).toMatchObject({ code: "missing_scope", scope: "ingest" });
    // An admin key writes rules, and mints only scopes it has.
    expect((await call(h(alertRules.POST), adminKey, "POST", "/v1/alerts/rules", { body: rule })).status).toBe(201);
    const minted = await call(h(keys.POST), adminKey, "POST", "/v1/keys", { body: { name: "child", scopes: ["read"] } });
    expect(minted.status).toBe(201);
    expect(minted.body.key.scopes).toEqual(["read"]);
    const wider = await call(h(keys.POST), adminKey, "POST", "/v1/keys", { body: { name: "wider", scopes: ["ingest"] } });
    expect(wider.body.error).toMatchObject({ code: "missing_scope", scope: "ingest" });
    // Keys never manage people.
    expect((await call(h(members.GET), adminKey, "GET", "/v1/members")).status).toBe(403);
    // New keys default to ingest; the list shows scopes and no secret.
    const made = await call(h(keys.POST), admin, "POST", "/v1/keys", { body: { name: "default-scopes" } });
    expect(made.body.key.scopes).toEqual(["ingest"]);
    const listed = await call(h(keys.GET), admin, "GET", "/v1/keys");
    expect(listed.body.keys.find((k: { name: string }) => k.name === "default-scopes")).toMatchObject({ scopes: ["ingest"] });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key.secret);
  });

  it("keeps owners in charge: an admin cannot remove or demote the owner, the last owner stays", async () => {
    const removeOwner = await call(h(member.DELETE), admin, "DELETE", `/v1/members/${ownerId}`, { params: { userId: ownerId } });
    expect(removeOwner.status).toBe(403);
    const demote = await call(h(member.PATCH), admin, "PATCH", `/v1/members/${ownerId}`, { params: { userId: ownerId }, body: { role: "viewer" } });
    expect(demote.status).toBe(403);
    const ownerInvite = await call(h(invites.POST), admin, "POST", "/v1/members/invites", { body: { role: "owner" } });
    expect(ownerInvite.status).toBe(403);
    const lastOwner = await call(h(member.PATCH), owner, "PATCH", `/v1/members/${ownerId}`, { params: { userId: ownerId }, body: { role: "admin" } });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error.code).toBe("last_owner");
    const list = await call(h(members.GET), viewer, "GET", "/v1/members");
    expect(list.status).toBe(200);
    expect(list.body.invites).toEqual([]); // only admins see pending invites
    expect(list.body.members.map((m: { email: string }) => m.email)).toEqual(["owner@a.test", "admin@a.test", "member@a.test", "viewer@a.test"]);
  });

  it("turns an invite link into a second user who sees only the invited project", async () => {
    const made = await call(h(invites.POST), admin, "POST", "/v1/members/invites", { body: { role: "viewer", expiresInDays: 2 } });
    expect(made.status).toBe(201);
    const token = decodeURIComponent(new URL(made.body.url).hash.slice(1));
    expect(made.body.url).toMatch(/\/invite#onset_inv_/);
    const seen = await call(h(preview.POST), null, "POST", "/auth/invite/preview", { body: { token } });
    expect(seen.body).toMatchObject({ projectName: "Team A", role: "viewer", loggedInAs: null });

    const weak = await call(h(accept.POST), null, "POST", "/auth/invite/accept", { body: { token, account: "new", email: "new@b.test", password: "short" } });
    expect(weak.status).toBe(400);
    const joined = await call(h(accept.POST), null, "POST", "/auth/invite/accept", {
      body: { token, account: "new", email: "new@b.test", password: "a-long-password" },
    });
    expect(joined.status).toBe(200);
    const session = sessionFrom(joined.headers);
    expect(session).toBeTruthy();
    const newbie = { session: session! };
    const list = await call(h(projects.GET), newbie, "GET", "/v1/projects");
    expect(list.body.projects.map((p: { slug: string; role: string }) => [p.slug, p.role])).toEqual([[A.slug, "viewer"]]);
    expect((await call(h(runs.GET), newbie, "GET", `/v1/runs?project=${B.slug}`)).status).toBe(404);

    // Used once: the same link is refused now.
    const again = await call(h(accept.POST), null, "POST", "/auth/invite/accept", {
      body: { token, account: "new", email: "other@b.test", password: "a-long-password" },
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("invalid_invite");
  });

  it("lets an existing user accept with their email and password, and never with a wrong one", async () => {
    const made = await call(h(invites.POST), owner, "POST", `/v1/members/invites?project=${B.slug}`, { body: { role: "member" } });
    const token = decodeURIComponent(new URL(made.body.url).hash.slice(1));
    const wrong = await call(h(accept.POST), null, "POST", "/auth/invite/accept", {
      body: { token, account: "existing", email: "viewer@a.test", password: "not-the-password" },
    });
    expect(wrong.status).toBe(401);
    const joined = await call(h(accept.POST), null, "POST", "/auth/invite/accept", {
      body: { token, account: "existing", email: "viewer@a.test", password: "password-123" },
    });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ projectId: B.id, role: "member" });
    const list = await call(h(projects.GET), viewer, "GET", "/v1/projects");
    expect(list.body.projects.map((p: { slug: string; role: string }) => [p.slug, p.role])).toEqual([
      [A.slug, "viewer"],
      [B.slug, "member"],
    ]);
  });
});

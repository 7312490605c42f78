/**
 * Memberships, invites and key scopes against a real database: who owns new projects,
 * the migration's backfill, invite links used once and only before they expire, the
 * last owner kept, key scopes stored and read back, last use recorded once a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { bootstrap } from "../bootstrap";
import { createApiKey, findKeyPrincipal, listApiKeys, touchApiKey } from "./api-keys";
import { acceptInvite, createInvite, listPendingInvites, previewInvite, revokeInvite } from "./invites";
import { changeMembership, findMemberProject, grantMembership, listMembers, listUserProjects } from "./memberships";
import { ensureProject } from "./projects";
import { checkCredentials, createUser } from "./users";
import { createTestDatabase } from "../test-support/test-database";
import { applyMigrations } from "../migrate/migrate";
import { readMigrations } from "../migrate/migrations-dir";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useDatabaseFixture } from "../test-support/use-fixture";

describe("memberships, invites and key scopes", () => {
  const db = useDatabaseFixture();
  let dir: string;
  let adminId: string;
  let defaultProject: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "onset-members-"));
    const boot = await bootstrap(db.prisma, dir, { ONSET_INIT_ADMIN_EMAIL: "root@x.test", ONSET_INIT_ADMIN_PASSWORD: "root-password" });
    defaultProject = boot.projectId;
    adminId = (await checkCredentials(db.prisma, "root@x.test", "root-password"))!.id;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("makes the first start's admin owner of the default project, with an ingest+read key", async () => {
    expect(await findMemberProject(db.prisma, adminId, "default")).toMatchObject({ id: defaultProject, role: "owner" });
    const [key] = await listApiKeys(db.prisma, defaultProject);
    expect(key!.scopes).toEqual(["ingest", "read"]);
  });

  it("gives a project nobody created to the first user, and one a user created to that user alone", async () => {
    const demo = (await ensureProject(db.prisma, "demo", "Demo")).project;
    expect(await findMemberProject(db.prisma, adminId, demo.id)).toMatchObject({ role: "owner" });
    const alice = await createUser(db.prisma, "alice@x.test", "alice-password");
    const own = (await ensureProject(db.prisma, "alice-own", "Alice's", { ownerId: alice.id })).project;
    expect((await listUserProjects(db.prisma, alice.id)).map((p) => [p.slug, p.role])).toEqual([["alice-own", "owner"]]);
    // Not a member: neither by id nor by slug.
    expect(await findMemberProject(db.prisma, adminId, own.id)).toBeNull();
    expect(await findMemberProject(db.prisma, adminId, "alice-own")).toBeNull();
    expect(await findMemberProject(db.prisma, alice.id, "default")).toBeNull();
  });

  it("accepts an invite once, creating the account, and refuses it again", async () => {
    const inv = await createInvite(db.prisma, { projectId: defaultProject, role: "viewer", createdBy: adminId });
    expect(inv.token).toMatch(/^onset_inv_/);
    // Only the hash is stored.
    expect(JSON.stringify(await db.prisma.invite.findUnique({ where: { id: inv.id } }))).not.toContain(inv.token);
    expect(await previewInvite(db.prisma, inv.token)).toMatchObject({ projectName: "Default project", role: "viewer" });
    expect((await listPendingInvites(db.prisma, defaultProject)).map((i) => i.id)).toContain(inv.id);

    const joined = await acceptInvite(db.prisma, inv.token, { newUser: { email: "Bob@X.test", password: "bob-password" } });
    expect(joined).toMatchObject({ projectId: defaultProject, role: "viewer" });
    expect(await checkCredentials(db.prisma, "bob@x.test", "bob-password")).toMatchObject({ id: joined.userId });
    expect(await previewInvite(db.prisma, inv.token)).toBeNull();
    await expect(acceptInvite(db.prisma, inv.token, { userId: adminId })).rejects.toMatchObject({ code: "invalid_invite" });
    expect((await listPendingInvites(db.prisma, defaultProject)).map((i) => i.id)).not.toContain(inv.id);
  });

  it("refuses an expired or revoked invite, and a new account whose email exists, without using the invite", async () => {
    const expired = await createInvite(db.prisma, { projectId: defaultProject, role: "member", createdBy: adminId });
    await db.prisma.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvite(db.prisma, expired.token, { userId: adminId })).rejects.toMatchObject({ code: "invalid_invite" });

    const revoked = await createInvite(db.prisma, { projectId: defaultProject, role: "member", createdBy: adminId });
    expect(await revokeInvite(db.prisma, defaultProject, revoked.id)).toBe(true);
    await expect(acceptInvite(db.prisma, revoked.token, { userId: adminId })).rejects.toMatchObject({ code: "invalid_invite" });

    const fresh = await createInvite(db.prisma, { projectId: defaultProject, role: "member", createdBy: adminId });
    await expect(acceptInvite(db.prisma, fresh.token, { newUser: { email: "root@x.test", password: "whatever-1" } })).rejects.toMatchObject({
      code: "email_taken",
    });
    expect(await previewInvite(db.prisma, fresh.token)).not.toBeNull(); // still usable
  });

  it("never demotes through an invite, and keeps the last owner", async () => {
    const carol = await createUser(db.prisma, "carol@x.test", "carol-password");
    await grantMembership(db.prisma, defaultProject, carol.id, "admin");
    const inv = await createInvite(db.prisma, { projectId: defaultProject, role: "viewer", createdBy: adminId });
    expect((await acceptInvite(db.prisma, inv.token, { userId: carol.id })).role).toBe("admin");

    // An admin cannot remove or demote the owner; the owner cannot leave as the last one.
    await expect(changeMembership(db.prisma, defaultProject, "admin", adminId, null)).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMembership(db.prisma, defaultProject, "owner", adminId, "admin")).rejects.toMatchObject({ code: "last_owner" });
    // Make Carol owner; then the first owner may step down.
    expect(await changeMembership(db.prisma, defaultProject, "owner", carol.id, "owner")).toMatchObject({ role: "owner" });
    expect(await changeMembership(db.prisma, defaultProject, "owner", adminId, "admin")).toMatchObject({ role: "admin" });
    await expect(changeMembership(db.prisma, defaultProject, "owner", "nobody", null)).rejects.toMatchObject({ code: "not_found" });
    const roles = Object.fromEntries((await listMembers(db.prisma, defaultProject)).map((m) => [m.email, m.role]));
    expect(roles).toMatchObject({ "carol@x.test": "owner", "root@x.test": "admin", "bob@x.test": "viewer" });
  });

  it("stores key scopes (ingest by default) and records last use at most once a minute", async () => {
    const plain = await createApiKey(db.prisma, defaultProject, { name: "sender" });
    expect(plain.scopes).toEqual(["ingest"]);
    const admin = await createApiKey(db.prisma, defaultProject, { name: "ops", scopes: ["admin", "read", "read"] });
    expect(admin.scopes).toEqual(["read", "admin"]);
    expect(await findKeyPrincipal(db.prisma, admin.secret)).toMatchObject({ keyId: admin.id, name: "ops", scopes: ["read", "admin"] });
    await expect(createApiKey(db.prisma, defaultProject, { scopes: [] })).rejects.toThrow(/at least one scope/);

    await touchApiKey(db.prisma, plain.id);
    const first = (await db.prisma.apiKey.findUnique({ where: { id: plain.id } }))!.lastUsedAt!;
    expect(first).toBeInstanceOf(Date);
    await touchApiKey(db.prisma, plain.id);
    expect((await db.prisma.apiKey.findUnique({ where: { id: plain.id } }))!.lastUsedAt).toEqual(first);
  });
});

describe("the memberships migration", () => {
  it("makes every existing user owner of every existing project, and existing keys ingest+read", async () => {
    const db = await createTestDatabase({ empty: true });
    const all = readMigrations();
    const c = new pg.Client({ connectionString: db.url });
    try {
      await applyMigrations(db.url, { migrations: all.filter((m) => m.name < "20261203210000") });
      await c.connect();
      await c.query(`INSERT INTO projects (id, slug, name) VALUES ('p1', 'one', 'One'), ('p2', 'two', 'Two')`);
      await c.query(`INSERT INTO users (id, email, password_hash) VALUES ('u1', 'a@x', 'h'), ('u2', 'b@x', 'h')`);
      await c.query(`INSERT INTO api_keys (id, project_id, prefix, public_key, secret_hash) VALUES ('k1', 'p1', 'p', 'pk', 'sh')`);
      await applyMigrations(db.url, { migrations: all });
      const m = await c.query(`SELECT project_id, user_id, role FROM memberships ORDER BY 1, 2`);
      expect(m.rows).toEqual([
        { project_id: "p1", user_id: "u1", role: "owner" },
        { project_id: "p1", user_id: "u2", role: "owner" },
        { project_id: "p2", user_id: "u1", role: "owner" },
        { project_id: "p2", user_id: "u2", role: "owner" },
      ]);
      expect((await c.query(`SELECT scopes FROM api_keys`)).rows).toEqual([{ scopes: ["ingest", "read"] }]);
    } finally {
      await c.end().catch(() => {});
      await db.drop();
    }
  });
});

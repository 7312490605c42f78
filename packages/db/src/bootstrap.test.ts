/**
 * First start creates the default project, a key and the admin; the next start creates
 * nothing and still knows the generated credentials; ONSET_INIT_* values are honoured
 * and empty ones mean "not set".
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "./bootstrap";
import { findKeyPrincipal } from "./repositories/api-keys";
import { login } from "./repositories/users";
import { useDatabaseFixture } from "./test-support/use-fixture";

describe("bootstrap", () => {
  const db = useDatabaseFixture();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "onset-boot-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("generates a key and a login on first start and reuses them on the next", async () => {
    const empty = { ONSET_INIT_API_KEY: "", ONSET_INIT_ADMIN_PASSWORD: "" };
    const first = await bootstrap(db.prisma, dir, empty);
    expect(first.firstStart).toBe(true);
    expect(first.apiKey).toMatch(/^onset_sk_[A-Za-z0-9_-]{32}$/);
    expect(first.adminEmail).toBe("admin@onset.local");
    expect(first.adminPassword).toHaveLength(16);
    expect(await findKeyPrincipal(db.prisma, first.apiKey!)).toMatchObject({ projectId: first.projectId });
    expect(await login(db.prisma, "admin@onset.local", first.adminPassword!)).not.toBeNull();
    expect((await stat(path.join(dir, "initial-credentials.json"))).mode & 0o777).toBe(0o600);

    const second = await bootstrap(db.prisma, dir, empty);
    expect(second).toEqual({ ...first, firstStart: false });
    expect(await db.prisma.apiKey.count()).toBe(1);
    expect(await db.prisma.user.count()).toBe(1);
  });

  it("adds the ONSET_INIT_API_KEY given on a later start instead of ignoring it", async () => {
    const info = await bootstrap(db.prisma, dir, { ONSET_INIT_API_KEY: "onset_sk_chosen_by_the_operator_123" });
    expect(info.apiKey).toBe("onset_sk_chosen_by_the_operator_123");
    expect(await findKeyPrincipal(db.prisma, "onset_sk_chosen_by_the_operator_123")).toMatchObject({ projectId: info.projectId });
  });
});

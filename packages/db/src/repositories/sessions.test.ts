import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser, findSessionUser, login, openSession, SESSION_TTL_MS, sessionIdleMs } from "./users";
import { useDatabaseFixture } from "../test-support/use-fixture";

describe("sessions: idle expiry, lifetime, purge", () => {
  const db = useDatabaseFixture();
  let userId: string;

  const expiresAt = async (token: string) => {
    const { sha256Hex } = await import("./secrets");
    return (await db.pool.query<{ expires_at: Date }>(`SELECT expires_at FROM sessions WHERE token_hash = $1`, [sha256Hex(token)])).rows[0]?.expires_at ?? null;
  };
  const age = async (token: string, idleAgoMs: number, createdAgoMs: number) => {
    const { sha256Hex } = await import("./secrets");
    await db.pool.query(
      `UPDATE sessions SET expires_at = now() - make_interval(secs => $2::float8 / 1000), created_at = now() - make_interval(secs => $3::float8 / 1000) WHERE token_hash = $1`,
      [sha256Hex(token), idleAgoMs, createdAgoMs],
    );
  };

  beforeAll(async () => {
    userId = (await createUser(db.prisma, "s@example.com", "correct horse")).id;
  }, 120_000);


  afterEach(() => {
    delete process.env.ONSET_SESSION_IDLE_MINUTES;
  });

  it("reads the idle setting, defaulting to a day and never past the lifetime", () => {
    expect(sessionIdleMs({})).toBe(24 * 3600 * 1000);
    expect(sessionIdleMs({ ONSET_SESSION_IDLE_MINUTES: "30" })).toBe(30 * 60_000);
    expect(sessionIdleMs({ ONSET_SESSION_IDLE_MINUTES: "99999999" })).toBe(SESSION_TTL_MS);
    expect(sessionIdleMs({ ONSET_SESSION_IDLE_MINUTES: "soon" })).toBe(24 * 3600 * 1000);
  });

  it("the cookie lives the full lifetime; the stored deadline is the idle one", async () => {
    process.env.ONSET_SESSION_IDLE_MINUTES = "30";
    const s = await openSession(db.prisma, userId);
    expect(s.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_TTL_MS - 60_000);
    const stored = (await expiresAt(s.token))!.getTime() - Date.now();
    expect(stored).toBeLessThanOrEqual(30 * 60_000);
    expect(stored).toBeGreaterThan(29 * 60_000);
  });

  it("use pushes the idle deadline forward", async () => {
    process.env.ONSET_SESSION_IDLE_MINUTES = "30";
    const s = await openSession(db.prisma, userId);
    await age(s.token, -5 * 60_000, 25 * 60_000); // 5 minutes of idle time left
    expect(await findSessionUser(db.prisma, s.token)).toMatchObject({ id: userId });
    expect((await expiresAt(s.token))!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it("an idle session is refused and deleted", async () => {
    const s = await openSession(db.prisma, userId);
    await age(s.token, 1000, 3600_000);
    expect(await findSessionUser(db.prisma, s.token)).toBeNull();
    expect(await expiresAt(s.token)).toBeNull();
  });

  it("use never extends a session past its lifetime", async () => {
    const s = await openSession(db.prisma, userId);
    await age(s.token, -5 * 60_000, SESSION_TTL_MS - 10 * 60_000); // 5 minutes idle left, 10 of life
    expect(await findSessionUser(db.prisma, s.token)).not.toBeNull();
    const left = (await expiresAt(s.token))!.getTime() - Date.now();
    expect(left).toBeLessThanOrEqual(10 * 60_000 + 1000);
    expect(left).toBeGreaterThan(9 * 60_000);
  });

  it("logging in purges every expired session", async () => {
    const stale = await openSession(db.prisma, userId);
    await age(stale.token, 60_000, 2 * 3600_000);
    expect(await login(db.prisma, "s@example.com", "correct horse")).not.toBeNull();
    expect(await expiresAt(stale.token)).toBeNull();
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE expires_at < now()`);
    expect(rows[0]!.n).toBe(0);
  });
});

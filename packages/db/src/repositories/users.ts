/** User logins and their sessions (http-only cookie holds the token; we keep its hash). */
import { randomUUID } from "node:crypto";
import type { Prisma } from "../prisma-client";
import { hashPassword, randomToken, sha256Hex, verifyPassword } from "./secrets";

/** Longest a session lives, however active (the cookie's expiry). */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/**
 * How long a session survives without use: ONSET_SESSION_IDLE_MINUTES (default 1440,
 * one day). sessions.expires_at holds the idle deadline, pushed forward on use (at most
 * once a minute) and never past created_at + SESSION_TTL_MS.
 */
export function sessionIdleMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ONSET_SESSION_IDLE_MINUTES);
  return Number.isFinite(n) && n > 0 ? Math.min(n * 60_000, SESSION_TTL_MS) : 24 * 3600 * 1000;
}

/** Deletes expired sessions (idle or past their lifetime); returns how many. */
export async function purgeExpiredSessions(prisma: Prisma): Promise<number> {
  const r = await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return r.count;
}

/** Creates a user with a scrypt-hashed password. */
export async function createUser(prisma: Prisma, email: string, password: string): Promise<{ id: string; email: string }> {
  const row = await prisma.user.create({
    data: { id: randomUUID(), email: email.trim().toLowerCase(), passwordHash: await hashPassword(password) },
  });
  return { id: row.id, email: row.email };
}

/** Number of users (first start creates the admin when zero). */
export function countUsers(prisma: Prisma): Promise<number> {
  return prisma.user.count();
}

/** The user with this email and password, or null (the hash runs either way, so timing does not tell which emails exist). */
export async function checkCredentials(prisma: Prisma, email: string, password: string): Promise<{ id: string; email: string } | null> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  return user && ok ? { id: user.id, email: user.email } : null;
}

/**
 * Opens a session for `userId` (purging expired ones first); the cookie gets the returned
 * token, and `expiresAt` is the cookie's expiry (the session's longest life; idle expiry
 * is enforced here, by findSessionUser).
 */
export async function openSession(prisma: Prisma, userId: string): Promise<{ token: string; expiresAt: Date }> {
  await purgeExpiredSessions(prisma);
  const token = randomToken(32);
  const now = Date.now();
  await prisma.session.create({
    data: { id: randomUUID(), userId, tokenHash: sha256Hex(token), createdAt: new Date(now), expiresAt: new Date(now + sessionIdleMs()) },
  });
  return { token, expiresAt: new Date(now + SESSION_TTL_MS) };
}

/** Checks credentials and opens a session; returns the cookie token, or null. */
export async function login(prisma: Prisma, email: string, password: string): Promise<{ token: string; expiresAt: Date } | null> {
  const user = await checkCredentials(prisma, email, password);
  return user ? openSession(prisma, user.id) : null;
}

/**
 * The user behind a session token, or null when unknown, idle too long or past its
 * lifetime (an expired row is deleted). Use pushes the idle deadline forward.
 */
export async function findSessionUser(prisma: Prisma, token: string): Promise<{ id: string; email: string } | null> {
  const s = await prisma.session.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
  if (!s) return null;
  const now = Date.now();
  if (s.expiresAt.getTime() < now) {
    await prisma.session.deleteMany({ where: { id: s.id } });
    return null;
  }
  const next = Math.min(now + sessionIdleMs(), s.createdAt.getTime() + SESSION_TTL_MS);
  if (next - s.expiresAt.getTime() > 60_000) await prisma.session.update({ where: { id: s.id }, data: { expiresAt: new Date(next) } });
  return { id: s.user.id, email: s.user.email };
}

/** Ends a session. */
export async function logout(prisma: Prisma, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: sha256Hex(token) } });
}

let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomToken()));
}

/** User logins and their sessions (http-only cookie holds the token; we keep its hash). */
import { randomUUID } from "node:crypto";
import type { Prisma } from "../prisma-client";
import { hashPassword, randomToken, sha256Hex, verifyPassword } from "./secrets";

/** Session lifetime. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

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

/** Opens a session for `userId`; the cookie gets the returned token. */
export async function openSession(prisma: Prisma, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await prisma.session.create({ data: { id: randomUUID(), userId, tokenHash: sha256Hex(token), expiresAt } });
  return { token, expiresAt };
}

/** Checks credentials and opens a session; returns the cookie token, or null. */
export async function login(prisma: Prisma, email: string, password: string): Promise<{ token: string; expiresAt: Date } | null> {
  const user = await checkCredentials(prisma, email, password);
  return user ? openSession(prisma, user.id) : null;
}

/** The user behind a session token, or null when unknown or expired. */
export async function findSessionUser(prisma: Prisma, token: string): Promise<{ id: string; email: string } | null> {
  const s = await prisma.session.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
  if (!s || s.expiresAt.getTime() < Date.now()) return null;
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

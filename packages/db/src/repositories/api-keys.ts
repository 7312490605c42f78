/**
 * Project API keys. The secret (`onset_sk_...`) is shown once and stored as SHA-256;
 * the public half (`onset_pk_...`) pairs with it for Basic auth.
 */
import { randomUUID } from "node:crypto";
import { isKeyScope, KEY_SCOPES, type KeyScope } from "../access/roles";
import type { Prisma } from "../prisma-client";
import { randomToken, sha256Hex } from "./secrets";

/** A key as listed (no secret). */
export interface ApiKeySummary {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  publicKey: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** What the key may do (docs/security.md). */
  scopes: KeyScope[];
}

/** Scopes a new key gets unless others are asked for: sending spans only. */
export const DEFAULT_KEY_SCOPES: readonly KeyScope[] = ["ingest"];

/** Known scopes of a stored row, in KEY_SCOPES order (unknown names are dropped, never granted). */
function scopesOf(raw: readonly string[] | null): KeyScope[] {
  const have = new Set((raw ?? []).filter(isKeyScope));
  return KEY_SCOPES.filter((s) => have.has(s));
}

/** A key just created: the only time its secret exists outside the caller. */
export interface CreatedApiKey extends ApiKeySummary {
  secret: string;
}

/** Creates a key for `projectId`; `secret` lets ONSET_INIT_API_KEY choose it. */
export async function createApiKey(
  prisma: Prisma,
  projectId: string,
  opts: { name?: string; secret?: string; scopes?: readonly KeyScope[] } = {},
): Promise<CreatedApiKey> {
  const scopes = scopesOf(opts.scopes ?? DEFAULT_KEY_SCOPES);
  if (scopes.length === 0) throw new Error("an API key needs at least one scope");
  const secret = opts.secret ?? `onset_sk_${randomToken(24)}`;
  const row = await prisma.apiKey.create({
    data: {
      id: randomUUID(),
      projectId,
      name: opts.name ?? "default",
      prefix: secret.slice(0, 13),
      publicKey: `onset_pk_${randomToken(9)}`,
      secretHash: sha256Hex(secret),
      scopes,
    },
  });
  return { ...row, scopes, secret };
}

/** Keys of a project, newest first (revoked ones included, marked; at most `limit`). */
export async function listApiKeys(prisma: Prisma, projectId: string, limit?: number): Promise<ApiKeySummary[]> {
  const rows = await prisma.apiKey.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, projectId: true, name: true, prefix: true, publicKey: true, createdAt: true, lastUsedAt: true, revokedAt: true, scopes: true },
  });
  return rows.map((r) => ({ ...r, scopes: scopesOf(r.scopes) }));
}

/** Revokes a key of `projectId`; false when no such key. */
export async function revokeApiKey(prisma: Prisma, projectId: string, id: string): Promise<boolean> {
  const r = await prisma.apiKey.updateMany({ where: { id, projectId, revokedAt: null }, data: { revokedAt: new Date() } });
  return r.count > 0;
}

/** What a presented credential resolves to. */
export interface KeyPrincipal {
  keyId: string;
  projectId: string;
  name: string;
  scopes: KeyScope[];
}

/**
 * Resolves a secret (and, for Basic auth, the public half that must match it) to its
 * project; null for unknown, mismatched or revoked keys.
 */
export async function findKeyPrincipal(
  prisma: Prisma,
  secret: string,
  publicKey?: string,
): Promise<KeyPrincipal | null> {
  const row = await prisma.apiKey.findUnique({ where: { secretHash: sha256Hex(secret) } });
  if (!row || row.revokedAt) return null;
  if (publicKey !== undefined && row.publicKey !== publicKey) return null;
  return { keyId: row.id, projectId: row.projectId, name: row.name, scopes: scopesOf(row.scopes) };
}

const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();

/**
 * Records use of a key: at most once a minute per key whatever the number of processes
 * (the update skips rows touched less than a minute ago), and in this process at most
 * one query a minute per key.
 */
export async function touchApiKey(prisma: Prisma, keyId: string): Promise<void> {
  const now = Date.now();
  if (now - (touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
  if (touched.size > 10_000) touched.clear(); // bounded: only valid keys get here, but many may
  touched.set(keyId, now);
  await prisma.$executeRaw`UPDATE api_keys SET last_used_at = now()
    WHERE id = ${keyId} AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;
}

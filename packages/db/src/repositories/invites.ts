/**
 * Invitation links into a project: an admin makes one with a role and an expiry, sends
 * the link by any means (Onset needs no mail server), and whoever opens it first before
 * it expires joins the project, with a new account or one they have. The link's token is
 * random; only its SHA-256 is stored, so a database dump holds no usable invite.
 */
import { randomUUID } from "node:crypto";
import { OnsetError } from "@onset/otlp";
import { isRole, strongerRole, type Role } from "../access/roles";
import type { Prisma } from "../prisma-client";
import { hashPassword, randomToken, sha256Hex } from "./secrets";

/** How long an invite link works unless the admin says otherwise: 7 days. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
/** Longest expiry an admin may choose: 30 days. */
export const MAX_INVITE_TTL_MS = 30 * 24 * 3600 * 1000;

/** An invite as the Members settings list it (never its token). */
export interface InviteRow {
  id: string;
  projectId: string;
  role: Role;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

/** An invite just made: the only time its token exists outside the caller. */
export interface CreatedInvite extends InviteRow {
  token: string;
}

/** What the accept page shows about a valid invite. */
export interface InvitePreview {
  projectName: string;
  role: Role;
  expiresAt: Date;
}

/** Why accepting an invite failed: 404 for a used, revoked or expired link, 409 for an email that has an account. */
export class InviteError extends OnsetError {
  declare readonly code: "invalid_invite" | "email_taken";
  constructor(code: "invalid_invite" | "email_taken", message: string) {
    super(code === "invalid_invite" ? 404 : 409, code, message);
  }
}

function toRow(r: { id: string; projectId: string; role: string; createdBy: string; createdAt: Date; expiresAt: Date }): InviteRow {
  if (!isRole(r.role)) throw new Error(`unknown role in the invites table: ${r.role}`);
  return { id: r.id, projectId: r.projectId, role: r.role, createdBy: r.createdBy, createdAt: r.createdAt, expiresAt: r.expiresAt };
}

/** Makes an invite into `projectId` as `role`, valid for `ttlMs` (checked by the caller against the actor's role). */
export async function createInvite(
  prisma: Prisma,
  input: { projectId: string; role: Role; createdBy: string; ttlMs?: number },
): Promise<CreatedInvite> {
  const ttl = Math.min(Math.max(input.ttlMs ?? INVITE_TTL_MS, 60_000), MAX_INVITE_TTL_MS);
  const token = `onset_inv_${randomToken(24)}`;
  const row = await prisma.invite.create({
    data: {
      id: randomUUID(),
      projectId: input.projectId,
      role: input.role,
      tokenHash: sha256Hex(token),
      createdBy: input.createdBy,
      expiresAt: new Date(Date.now() + ttl),
    },
  });
  return { ...toRow(row), token };
}

/** The project's invites still waiting to be accepted (not used, revoked or expired), newest first (at most `limit`). */
export async function listPendingInvites(prisma: Prisma, projectId: string, limit?: number): Promise<InviteRow[]> {
  const rows = await prisma.invite.findMany({
    where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map(toRow);
}

/** Revokes a pending invite of `projectId`; false when there is no such pending invite. */
export async function revokeInvite(prisma: Prisma, projectId: string, id: string): Promise<boolean> {
  const r = await prisma.invite.updateMany({ where: { id, projectId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  return r.count > 0;
}

/** What a token invites to, or null when it is unknown, used, revoked or expired. */
export async function previewInvite(prisma: Prisma, token: string): Promise<InvitePreview | null> {
  const row = await prisma.invite.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { project: { select: { name: true } } } });
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now() || !isRole(row.role)) return null;
  return { projectName: row.project.name, role: row.role, expiresAt: row.expiresAt };
}

/** Who accepts: a user who has proved who they are, or a new account to create. */
export type InviteAcceptor = { userId: string } | { newUser: { email: string; password: string } };

/**
 * Uses the invite once: marks it accepted (atomically, so a link cannot be used twice),
 * creates the account when asked, and grants the role (a member already keeps the
 * stronger role). Throws InviteError "invalid_invite" for an unknown, used, revoked or
 * expired token and "email_taken" when the new account's email exists (nothing changes then).
 */
export async function acceptInvite(
  prisma: Prisma,
  token: string,
  who: InviteAcceptor,
): Promise<{ userId: string; projectId: string; role: Role }> {
  const newUser = "newUser" in who ? { email: who.newUser.email.trim().toLowerCase(), hash: await hashPassword(who.newUser.password) } : null;
  return prisma.$transaction(async (tx) => {
    const used = await tx.$queryRaw<{ id: string; project_id: string; role: string }[]>`
      UPDATE invites SET accepted_at = now()
      WHERE token_hash = ${sha256Hex(token)} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING id, project_id, role`;
    const invite = used[0];
    if (!invite || !isRole(invite.role)) throw new InviteError("invalid_invite", "this invite link is unknown, used, revoked or expired: ask for a new one");
    let userId: string;
    if (newUser) {
      if (await tx.user.findUnique({ where: { email: newUser.email }, select: { id: true } })) {
        throw new InviteError("email_taken", "an account with this email exists: choose “I have an account” and log in");
      }
      userId = (await tx.user.create({ data: { id: randomUUID(), email: newUser.email, passwordHash: newUser.hash } })).id;
    } else {
      userId = (who as { userId: string }).userId;
    }
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedBy: userId } });
    const key = { projectId_userId: { projectId: invite.project_id, userId } };
    const existing = await tx.membership.findUnique({ where: key });
    const role = existing && isRole(existing.role) ? strongerRole(existing.role, invite.role) : invite.role;
    await tx.membership.upsert({ where: key, create: { projectId: invite.project_id, userId, role }, update: { role } });
    return { userId, projectId: invite.project_id, role };
  });
}

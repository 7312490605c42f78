/**
 * The Members settings: who is in the project with which role, pending invites, and the
 * changes an admin or owner may make (the rules are @onset/db's checkMembershipChange).
 * Every route here is for logins only (access "members:*"), so the principal is a session.
 */
import { changeMembership, checkInviteRole, createInvite, listMembers, listPendingInvites, revokeInvite, roleAtLeast, type Role } from "@onset/db";
import type { NextRequest } from "next/server";
import { ApiError, notFound } from "@/server/api-error";
import type { Principal } from "@/server/auth";
import { serverContext } from "@/server/context";

type SessionPrincipal = Extract<Principal, { kind: "session" }>;

/** The session behind a members route (its access refuses keys before the handler runs). */
export function sessionOf(principal: Principal): SessionPrincipal {
  if (principal.kind !== "session") throw new ApiError(403, "forbidden", "managing members needs a login; API keys cannot do it");
  return principal;
}

/** Members, and pending invites when the caller may manage them (at most `limit` of each). */
export async function membersView(p: SessionPrincipal, limit: number) {
  const { prisma } = serverContext();
  const canManage = roleAtLeast(p.role, "admin");
  return {
    members: await listMembers(prisma, p.projectId, limit),
    invites: canManage ? await listPendingInvites(prisma, p.projectId, limit) : [],
    you: { userId: p.userId, role: p.role, canManage },
  };
}

/** The origin invite links point at: ONSET_PUBLIC_URL when set, else the one the request came in on. */
function publicOrigin(req: NextRequest): string {
  const configured = process.env.ONSET_PUBLIC_URL?.replace(/\/+$/, "");
  return configured || req.nextUrl.origin;
}

/** Makes an invite link; the token is in the URL's fragment, which browsers never send to a server or in a Referer. */
export async function inviteMember(req: NextRequest, p: SessionPrincipal, role: Role, expiresInDays: number) {
  checkInviteRole(p.role, role);
  const invite = await createInvite(serverContext().prisma, { projectId: p.projectId, role, createdBy: p.userId, ttlMs: expiresInDays * 86_400_000 });
  const { token, ...rest } = invite;
  return { invite: rest, url: `${publicOrigin(req)}/invite#${token}` };
}

/** Revokes a pending invite. */
export async function cancelInvite(p: SessionPrincipal, id: string) {
  if (!(await revokeInvite(serverContext().prisma, p.projectId, id))) throw notFound(`pending invite ${id}`);
  return { revoked: true, id };
}

/** Changes a member's role, or removes them (`to: null`). */
export async function changeMember(p: SessionPrincipal, userId: string, to: Role | null) {
  const member = await changeMembership(serverContext().prisma, p.projectId, p.role, userId, to);
  return to === null ? { removed: true, userId } : { member };
}

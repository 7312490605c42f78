/**
 * Who is in which project with which role. No membership row means no access: the web
 * app answers such a project with 404, as if it did not exist.
 */
import { checkMembershipChange, isRole, MembershipError, strongerRole, type Role } from "../access/roles";
import type { Prisma } from "../prisma-client";
import type { ProjectRow } from "./projects";

/** A project as one user sees it. */
export interface MemberProject extends ProjectRow {
  role: Role;
}

/** A member as the Members settings list them. */
export interface MemberRow {
  userId: string;
  email: string;
  role: Role;
  createdAt: Date;
}

function asRole(s: string): Role {
  if (!isRole(s)) throw new Error(`unknown role in the memberships table: ${s}`);
  return s;
}

/** The project with id or slug `idOrSlug` if `userId` is a member of it, with the role; else null. */
export async function findMemberProject(prisma: Prisma, userId: string, idOrSlug: string): Promise<MemberProject | null> {
  const row = await prisma.membership.findFirst({
    where: { userId, project: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } },
    include: { project: true },
  });
  return row ? { ...row.project, role: asRole(row.role) } : null;
}

/** The projects `userId` is a member of, oldest first (the first `limit` when given). */
export async function listUserProjects(prisma: Prisma, userId: string, limit?: number): Promise<MemberProject[]> {
  const rows = await prisma.membership.findMany({ where: { userId }, include: { project: true }, orderBy: [{ project: { createdAt: "asc" } }, { projectId: "asc" }], take: limit });
  return rows
    .map((r) => ({ ...r.project, role: asRole(r.role) }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** The members of a project (the `limit` oldest memberships when given), owners first, then by email. */
export async function listMembers(prisma: Prisma, projectId: string, limit?: number): Promise<MemberRow[]> {
  const rows = await prisma.membership.findMany({ where: { projectId }, include: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" }, take: limit });
  const order = { owner: 0, admin: 1, member: 2, viewer: 3 };
  return rows
    .map((r) => ({ userId: r.userId, email: r.user.email, role: asRole(r.role), createdAt: r.createdAt }))
    .sort((a, b) => order[a.role] - order[b.role] || a.email.localeCompare(b.email));
}

/**
 * Adds `userId` to the project as `role`; a user who is a member already keeps the
 * stronger of the two roles (an invite never demotes anyone).
 */
export async function grantMembership(prisma: Prisma, projectId: string, userId: string, role: Role): Promise<Role> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    const next = existing ? strongerRole(asRole(existing.role), role) : role;
    await tx.membership.upsert({
      where: { projectId_userId: { projectId, userId } },
      create: { projectId, userId, role: next },
      update: { role: next },
    });
    return next;
  });
}

/**
 * Makes the first user (the first start's admin) owner of `projectId`: projects that no
 * user created (the default and demo projects, `onset import` targets) belong to them.
 * Does nothing before any user exists (bootstrap grants it when it creates the admin).
 */
export async function grantFirstUserOwnership(prisma: Prisma, projectId: string): Promise<void> {
  const first = await prisma.user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  if (first) await grantMembership(prisma, projectId, first.id, "owner");
}

/**
 * Changes a member's role (`to`) or removes them (`to: null`) on behalf of a user whose
 * role is `actor`, under the rules of checkMembershipChange. The project's membership
 * rows are locked for the check, so two admins cannot demote the last two owners at once.
 * Throws MembershipError ("not_found" when `userId` is not a member).
 */
export async function changeMembership(
  prisma: Prisma,
  projectId: string,
  actor: Role,
  userId: string,
  to: Role | null,
): Promise<MemberRow | null> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ user_id: string; role: string }[]>`
      SELECT user_id, role FROM memberships WHERE project_id = ${projectId} FOR UPDATE`;
    const target = rows.find((r) => r.user_id === userId);
    if (!target) throw new MembershipError("not_found", `user ${userId} is not a member of this project`);
    const owners = rows.filter((r) => r.role === "owner").length;
    checkMembershipChange({ actor, from: asRole(target.role), to, owners });
    if (to === null) {
      await tx.membership.delete({ where: { projectId_userId: { projectId, userId } } });
      return null;
    }
    const row = await tx.membership.update({
      where: { projectId_userId: { projectId, userId } },
      data: { role: to },
      include: { user: { select: { email: true } } },
    });
    return { userId, email: row.user.email, role: asRole(row.role), createdAt: row.createdAt };
  });
}

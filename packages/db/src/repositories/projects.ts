/** Projects: the tenancy boundary. Every read and write is scoped by project id. */
import { randomUUID } from "node:crypto";
import type { Prisma } from "../prisma-client";
import { grantFirstUserOwnership, grantMembership } from "./memberships";

/** A project row. */
export interface ProjectRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
}

/**
 * Returns the project with `slug`, creating it when missing. A new project is owned by
 * `opts.ownerId` (the user who created it) or, when no user created it (first start, the
 * demo, `onset import`), by the first user, the first start's admin.
 */
export async function ensureProject(
  prisma: Prisma,
  slug: string,
  name: string,
  opts: { ownerId?: string } = {},
): Promise<{ project: ProjectRow; created: boolean }> {
  const existing = await prisma.project.findUnique({ where: { slug } });
  if (existing) return { project: existing, created: false };
  const id = randomUUID();
  const project = await prisma.project.upsert({
    where: { slug },
    update: {},
    create: { id, slug, name },
  });
  // Another process may have created it between the two queries: only its creator grants.
  if (project.id !== id) return { project, created: false };
  if (opts.ownerId) await grantMembership(prisma, project.id, opts.ownerId, "owner");
  else await grantFirstUserOwnership(prisma, project.id);
  return { project, created: true };
}

/** All projects, oldest first (every project, whoever is a member: not for answering a user). */
export function listProjects(prisma: Prisma): Promise<ProjectRow[]> {
  return prisma.project.findMany({ orderBy: { createdAt: "asc" } });
}

/** A project by id or slug. */
export function findProject(prisma: Prisma, idOrSlug: string): Promise<ProjectRow | null> {
  return prisma.project.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } });
}

/**
 * The access fixture route tests share: an owner (signed in) with projects "team-a" and
 * "team-b", a viewer of team-a (signed in), a read key of team-a and a read key of team-b
 * (the other project, which must see nothing of team-a); and the two steps a test takes
 * to add a caller of its own: a signed-in user with a role, a key with scopes.
 */
import { createApiKey, createUser, ensureProject, grantMembership, openSession, type KeyScope, type Prisma, type Role } from "@onset/db";

/** Who a route test calls as, and the two projects. */
export interface TwoProjects {
  projectA: string;
  projectB: string;
  /** Owner of both projects. */
  owner: { session: string };
  viewer: { session: string };
  readKey: { key: string };
  otherKey: { key: string };
}

/** Creates the owner, both projects, team-a's viewer and a read key in each project. */
export async function twoProjects(prisma: Prisma): Promise<TwoProjects> {
  const owner = await createUser(prisma, "owner@onset.local", "password-123");
  const projectA = (await ensureProject(prisma, "team-a", "Team A", { ownerId: owner.id })).project.id;
  const projectB = (await ensureProject(prisma, "team-b", "Team B", { ownerId: owner.id })).project.id;
  return {
    projectA,
    projectB,
    owner: { session: (await openSession(prisma, owner.id)).token },
    viewer: await signedInMember(prisma, projectA, "viewer@onset.local", "viewer"),
    readKey: await projectKey(prisma, projectA, "reader", ["read"]),
    otherKey: await projectKey(prisma, projectB, "elsewhere", ["read"]),
  };
}

/** A new user `email` with `role` in the project, signed in. */
export async function signedInMember(prisma: Prisma, projectId: string, email: string, role: Role): Promise<{ session: string }> {
  const user = await createUser(prisma, email, "password-123");
  await grantMembership(prisma, projectId, user.id, role);
  return { session: (await openSession(prisma, user.id)).token };
}

/** A new API key of the project with these scopes. */
export async function projectKey(prisma: Prisma, projectId: string, name: string, scopes: readonly KeyScope[]): Promise<{ key: string }> {
  return { key: (await createApiKey(prisma, projectId, { name, scopes })).secret };
}

/**
 * The access fixture route tests share: an owner with projects "team-a" and "team-b", a
 * viewer of team-a (signed in), a read key of team-a and a read key of team-b (the other
 * project, which must see nothing of team-a).
 */
import { createApiKey, createUser, ensureProject, grantMembership, openSession, type Prisma } from "@onset/db";

/** Who a route test calls as, and the two projects. */
export interface TwoProjects {
  projectA: string;
  projectB: string;
  viewer: { session: string };
  readKey: { key: string };
  otherKey: { key: string };
}

/** Creates the owner, both projects, team-a's viewer and a read key in each project. */
export async function twoProjects(prisma: Prisma): Promise<TwoProjects> {
  const owner = await createUser(prisma, "owner@onset.local", "password-123");
  const projectA = (await ensureProject(prisma, "team-a", "Team A", { ownerId: owner.id })).project.id;
  const projectB = (await ensureProject(prisma, "team-b", "Team B", { ownerId: owner.id })).project.id;
  const v = await createUser(prisma, "viewer@onset.local", "password-123");
  await grantMembership(prisma, projectA, v.id, "viewer");
  return {
    projectA,
    projectB,
    viewer: { session: (await openSession(prisma, v.id)).token },
    readKey: { key: (await createApiKey(prisma, projectA, { name: "reader", scopes: ["read"] })).secret },
    otherKey: { key: (await createApiKey(prisma, projectB, { name: "elsewhere", scopes: ["read"] })).secret },
  };
}

/** Revokes one key of the caller's project (shared by POST .../revoke and DELETE; both need "admin"). */
import { revokeApiKey } from "@onset/db";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import type { Principal } from "@/server/auth";

/** Revokes key `id`; 404 when the project has no such active key. */
export async function revokeKey(principal: Principal, id: string): Promise<{ revoked: true; id: string }> {
  if (!(await revokeApiKey(serverContext().prisma, principal.projectId, id))) throw notFound(`active API key ${id}`);
  return { revoked: true, id };
}

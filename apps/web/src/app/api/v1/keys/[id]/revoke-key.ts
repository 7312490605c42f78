/** Revokes one key of the caller's project (shared by POST .../revoke and DELETE; both need "admin"). */
import { revokeApiKey } from "@onset/db";
import { z } from "zod";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import type { Principal } from "@/server/auth";

const KeyId = z.string().min(1).max(100);

/** Revokes key `id`; 404 when the project has no such active key. */
export async function revokeKey(principal: Principal, id: string): Promise<{ revoked: true; id: string }> {
  const keyId = KeyId.parse(id);
  if (!(await revokeApiKey(serverContext().prisma, principal.projectId, keyId))) throw notFound(`active API key ${keyId}`);
  return { revoked: true, id: keyId };
}

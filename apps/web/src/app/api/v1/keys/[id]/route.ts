import { revokeKeyEndpoint } from "@/contracts/keys";
import { apiRoute } from "@/server/route";
import { revokeKey } from "./revoke-key";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/keys/{id}: revokes the key (it stays listed, marked revoked). */
export const DELETE = apiRoute(async ({ principal, params }) => revokeKey(principal, params.id), { contract: revokeKeyEndpoint });

import { revokeKeyEndpoint } from "@/contracts/keys";
import { apiRoute } from "@/server/route";
import { revokeKey } from "../revoke-key";

export const dynamic = "force-dynamic";

/** POST /api/v1/keys/{id}/revoke: revokes the key; requests with it are refused from now on. */
export const POST = apiRoute(async ({ principal, params }) => revokeKey(principal, params.id), { contract: revokeKeyEndpoint });

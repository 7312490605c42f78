import { createApiKey, DEFAULT_KEY_SCOPES, listApiKeys } from "@onset/db";
import { createKeyEndpoint, listKeysEndpoint, MAX_KEYS_LISTED } from "@/contracts/keys";
import { ApiError } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/keys?limit: the project's keys, newest first, 200 at most (prefix, scopes, created, last used, revoked; never a secret). */
export const GET = apiRoute(
  async ({ principal, query }) => ({ keys: await listApiKeys(serverContext().prisma, principal.projectId, query.limit ?? MAX_KEYS_LISTED) }),
  { contract: listKeysEndpoint },
);

/**
 * POST /api/v1/keys {name, scopes?}: creates a key (scopes default to ["ingest"]); the
 * response is the only time its secret is shown. Needs the admin role, or a key with the
 * `admin` scope, which can only hand out scopes it has itself.
 */
export const POST = apiRoute(
  async ({ body, principal }) => {
    const scopes = body.scopes ?? [...DEFAULT_KEY_SCOPES];
    if (principal.kind === "key") {
      const extra = scopes.filter((s) => !principal.scopes.includes(s));
      if (extra.length) throw new ApiError(403, "missing_scope", `a key cannot grant scopes it lacks: ${extra.join(", ")}`, { scope: extra[0] });
    }
    const key = await createApiKey(serverContext().prisma, principal.projectId, { name: body.name, scopes });
    return { key };
  },
  { status: 201, contract: createKeyEndpoint },
);

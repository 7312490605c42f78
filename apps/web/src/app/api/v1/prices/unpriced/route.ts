import { listUnpricedModels } from "@onset/db";
import { unpricedEndpoint } from "@/contracts/prices";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/prices/unpriced: models the project used with tokens but no price (their cost shows as unknown, not $0), 200 at most. */
export const GET = apiRoute(async ({ principal }) => ({ models: await listUnpricedModels(serverContext().pool, principal.projectId) }), {
  contract: unpricedEndpoint,
});

import { createPriceOverride, listPrices, modelPatternProblem } from "@onset/db";
import { createPriceEndpoint, listPricesEndpoint } from "@/contracts/prices";
import { ApiError } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/prices?q&limit: the prices the project sees (its overrides first, then the bundled table), searchable, 500 at most. */
export const GET = apiRoute(
  async ({ query, principal }) => ({ prices: await listPrices(serverContext().pool, principal.projectId, query.q, query.limit) }),
  { contract: listPricesEndpoint },
);

/** POST /api/v1/prices: adds a project override (it wins over the bundled table for spans ingested from now on). */
export const POST = apiRoute(
  async ({ body, principal }) => {
    // Matched with RE2 (linear time, packages/db pricing/model-pattern.ts): no pattern can stall ingest.
    const problem = modelPatternProblem(body.modelPattern);
    if (problem) throw new ApiError(400, "invalid_pattern", `modelPattern: ${problem}`);
    const id = await createPriceOverride(serverContext().pool, principal.projectId, {
      ...body,
      modelName: body.modelName ?? body.modelPattern,
    });
    return { id };
  },
  { status: 201, contract: createPriceEndpoint },
);

import { deletePriceOverride } from "@onset/db";
import { deletePriceEndpoint } from "@/contracts/prices";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/prices/{id}: deletes one of the project's overrides (the bundled rows cannot be deleted). */
export const DELETE = apiRoute(
  async ({ principal, params: { id } }) => {
    if (!(await deletePriceOverride(serverContext().pool, principal.projectId, id))) throw notFound(`price override ${id}`);
    return { deleted: true, id };
  },
  { contract: deletePriceEndpoint },
);

import { getRunOutline } from "@onset/analysis-service";
import { outlineEndpoint } from "@/contracts/run";
import { encodeOutline } from "@/lib/run-outline-codec";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { timed } from "@/server/server-timing";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/outline: the run's summary, its span tree and every span's
 * small facts in columns (lib/run-outline-codec.ts), read without span content and
 * without analyzing, so the run page draws its tree at once while the diagnosis is
 * computed. 404 for a run the project does not have.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const outline = await getRunOutline(serverContext().pool, principal.projectId, traceId, { time: timed });
    if (!outline) throw notFound(`run ${traceId}`);
    return { run: outline.run, outline: await timed("encode", () => encodeOutline(outline.tree, outline.spans)) };
  },
  { contract: outlineEndpoint },
);

import { getRunOutline } from "@onset/analysis-service";
import { encodeOutline } from "@onset/analysis-service/outline-codec";
import { outlineEndpoint } from "@/contracts/run";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { timed } from "@/server/server-timing";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/outline: the run's summary, its span tree and every span's
 * small facts in columns (packages/analysis-service outline-codec.ts), read without span
 * content and without analyzing, so the run page draws its tree at once while the
 * diagnosis is computed. When the run's analysis is stored and current, the outline
 * stored with it (with the step and stage grouping) is sent on as it is. 404 for a run
 * the project does not have.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const outline = await getRunOutline(serverContext().pool, principal.projectId, traceId, { time: timed });
    if (!outline) throw notFound(`run ${traceId}`);
    if ("outlineJson" in outline) {
      return new Response(`{"run":${JSON.stringify(outline.run)},"outline":${outline.outlineJson}}`, { headers: { "content-type": "application/json" } });
    }
    return { run: outline.run, outline: await timed("encode", () => encodeOutline(outline.tree, outline.spans)) };
  },
  { contract: outlineEndpoint },
);

import { getReplayLinks } from "@onset/db";
import { replaysEndpoint } from "@/contracts/run";
import { notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/replays: `{replayOf, replays}`: the run this one replays (its
 * `onset.replay.of` attribute; `run` null when that run is not in the project) and the
 * runs of the project that replay it, newest first (at most 50). 404 for a run not in the
 * caller's project.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    const links = await getReplayLinks(serverContext().pool, principal.projectId, traceId);
    if (!links) throw notFound(`run ${traceId}`);
    return links;
  },
  { contract: replaysEndpoint },
);

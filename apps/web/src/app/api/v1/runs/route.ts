import { listRuns } from "@onset/db";
import { listRunsEndpoint } from "@/contracts/runs";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/runs: the project's runs, filtered, sorted and cursor-paginated. */
export const GET = apiRoute(async ({ principal, query: { project: _project, ...query } }) => listRuns(serverContext().pool, principal.projectId, query), {
  contract: listRunsEndpoint,
});

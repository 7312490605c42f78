import { listAlertEvents } from "@onset/db";
import { listEventsEndpoint } from "@/contracts/alerts";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/alerts/events: fired alerts, newest first, each with its rule, the run and
 * span it links to, and every delivery attempt (state, status code, error).
 */
export const GET = apiRoute(
  async ({ principal, query: { project: _project, ...q } }) => listAlertEvents(serverContext().pool, principal.projectId, q),
  { contract: listEventsEndpoint },
);

import { diagnosticsEndpoint } from "@/contracts/diagnostics";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { projectDiagnostics } from "./diagnostics-service";

export const dynamic = "force-dynamic";

/** GET /api/v1/diagnostics?maxRuns: mapping diagnostics per instrumentation scope over the most recent runs. */
export const GET = apiRoute(async ({ principal, query }) => projectDiagnostics(serverContext().pool, principal.projectId, query.maxRuns), {
  contract: diagnosticsEndpoint,
});

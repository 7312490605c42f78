import { listLogRecords } from "@onset/db";
import { listLogsEndpoint } from "@/contracts/logs";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/logs?limit&before&traceId&all: the project's OTLP log records, newest first:
 * by default those without a span context (the ones no span shows), `traceId` for one
 * run's records, `all=true` for every record; `nextBefore` pages on.
 */
export const GET = apiRoute(
  async ({ principal, query: { limit, before, traceId, all } }) => {
    const context = traceId ? { traceId } : all === "true" ? ("any" as const) : ("none" as const);
    return listLogRecords(serverContext().pool, principal.projectId, { limit, before, context });
  },
  { contract: listLogsEndpoint },
);

import { listFailureModes } from "@onset/db";
import { listFailureModesEndpoint } from "@/contracts/failure-modes";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/**
 * GET /api/v1/failure-modes?days=&limit=: the project's failed runs grouped by the
 * deterministic signature of their onset (evidence kind, agent, tool, normalized error
 * class), each with its runs and cost in the window, runs per UTC day, growth (second
 * half of the window minus the first), example runs and a failing/succeeding pair of the
 * same task; growing fastest first, then newest (docs/judge-and-failure-modes.md).
 */
export const GET = apiRoute(async ({ query: q, principal }) => {
  const until = new Date();
  const from = new Date(until.getTime() - q.days * DAY_MS);
  const modes = await listFailureModes(serverContext().pool, principal.projectId, { from, until, limit: q.limit });
  return { from: from.toISOString(), until: until.toISOString(), days: q.days, modes };
}, { contract: listFailureModesEndpoint });

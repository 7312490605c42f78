import { listFailureModes, MAX_FAILURE_MODES } from "@onset/db";
import { z } from "zod";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/** Query of GET /failure-modes: the window in days (1-90, default 14) and the most modes (1-200, default 50). */
const FailureModesQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(90).default(14),
    limit: z.coerce.number().int().min(1).max(MAX_FAILURE_MODES).default(50),
    project: z.string().max(200).optional(),
  })
  .strict();

/**
 * GET /api/v1/failure-modes?days=&limit=: the project's failed runs grouped by the
 * deterministic signature of their onset (evidence kind, agent, tool, normalized error
 * class), each with its runs and cost in the window, runs per UTC day, growth (second
 * half of the window minus the first), example runs and a failing/succeeding pair of the
 * same task; growing fastest first, then newest (docs/judge-and-failure-modes.md).
 */
export const GET = apiRoute(async ({ req, principal }) => {
  const q = FailureModesQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const until = new Date();
  const from = new Date(until.getTime() - q.days * DAY_MS);
  const modes = await listFailureModes(serverContext().pool, principal.projectId, { from, until, limit: q.limit });
  return { from: from.toISOString(), until: until.toISOString(), days: q.days, modes };
});

import { loadDashboard } from "@onset/db";
import { dashboardEndpoint } from "@/contracts/dashboard";
import { completeDashboardQuery } from "@/lib/dashboard-query";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/dashboard?from&to&bucket: runs, errors, cost and tokens per bucket, totals,
 * top models, costliest runs and loop runs over [from, to) (default: the last 24 hours,
 * bucket chosen for about 100-200 points).
 */
export const GET = apiRoute(
  async ({ principal, query }) => loadDashboard(serverContext().pool, principal.projectId, completeDashboardQuery(query, Date.now())),
  { contract: dashboardEndpoint },
);

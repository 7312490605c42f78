/** Contract of /api/v1/dashboard: runs, errors, cost and tokens per bucket over a range, with totals and top lists. */
import type { DashboardData } from "@onset/db";
import { z } from "zod";
import { BUCKETS, type Bucket } from "@/lib/dashboard-range";
import { jsonObject, limitField, querySchema, type Endpoint } from "./endpoint";

const Buckets = z.enum(BUCKETS as [Bucket, ...Bucket[]]);

/** Most rows of each top list. */
export const MAX_DASHBOARD_TOP = 100;

/** GET /api/v1/dashboard?from&to&bucket&limit (all optional; lib/dashboard-query.ts completes them). */
export const dashboardEndpoint = {
  query: querySchema({
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    bucket: Buckets.optional(),
    limit: limitField(MAX_DASHBOARD_TOP),
  }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    bucket: Buckets,
    series: z.array(jsonObject<DashboardData["series"][number]>()),
    totals: jsonObject<DashboardData["totals"]>(),
    topModels: z.array(jsonObject<DashboardData["topModels"][number]>()),
    costliestRuns: z.array(jsonObject<DashboardData["costliestRuns"][number]>()),
    loopRuns: z.array(jsonObject<DashboardData["loopRuns"][number]>()),
  }),
} satisfies Endpoint;

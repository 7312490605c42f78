/** The query string of GET /api/v1/dashboard: ?from&to&bucket (all optional; contracts/dashboard.ts), completed and checked. */
import { z } from "zod";
import { dashboardEndpoint } from "@/contracts/dashboard";
import { queryObject } from "@/contracts/endpoint";
import { BUCKET_SECONDS, resolveRange, type ResolvedRange } from "./dashboard-range";

/** Most buckets one request may ask for (the repository refuses more, too). */
export const MAX_BUCKETS = 2000;

/** The query as the dashboard contract parses it. */
export type RawDashboardQuery = z.output<typeof dashboardEndpoint.query>;

/** A parsed dashboard request. */
export interface DashboardRequest extends ResolvedRange {
  limit?: number;
}

/** Parses and completes the query; throws ZodError (400) for an inverted or too finely bucketed range. */
export function parseDashboardQuery(params: URLSearchParams, nowMs: number): DashboardRequest {
  return completeDashboardQuery(dashboardEndpoint.query.parse(queryObject(params)), nowMs);
}

/** Completes a parsed query (default range and bucket); throws ZodError (400) for an inverted or too finely bucketed range. */
export function completeDashboardQuery(q: RawDashboardQuery, nowMs: number): DashboardRequest {
  const range = resolveRange(q, nowMs);
  const spanMs = range.to.getTime() - range.from.getTime();
  const check = z
    .object({ from: z.date(), to: z.date(), bucket: z.string() })
    .refine(() => spanMs > 0, { message: "`from` must be before `to`", path: ["from"] })
    .refine(() => spanMs / 1000 / BUCKET_SECONDS[range.bucket] <= MAX_BUCKETS, {
      message: `more than ${MAX_BUCKETS} buckets of ${range.bucket} in this range: pick a wider bucket`,
      path: ["bucket"],
    });
  check.parse(range);
  return { ...range, limit: q.limit };
}

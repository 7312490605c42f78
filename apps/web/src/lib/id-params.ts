/** Id schemas shared by the route handlers and the query parsers in lib (pure zod). */
import { z } from "zod";

/** A trace id: 32 lowercase hex characters (uppercase accepted and folded). */
export const TraceIdParam = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{32}$/, "trace id must be 32 hex characters"));

/** Path params of a route under /runs/{traceId}. */
export const TraceParams = z.object({ traceId: TraceIdParam });

/** Contract of /api/v1/retention: how long the project keeps its runs. */
import { z } from "zod";
import type { Endpoint, ResponseOf } from "./endpoint";

/** Longest retention one can set: 100 years (longer is "keep everything": null). */
export const MAX_RETENTION_DAYS = 36_500;

const RetentionSchema = z.object({
  /** Runs that ended more than this many days ago are deleted; null keeps everything. */
  retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable(),
});

/** GET /api/v1/retention: the project's retention. */
export const getRetentionEndpoint = {
  response: RetentionSchema,
} satisfies Endpoint;

/** PATCH /api/v1/retention {retentionDays}: sets it (admin); expired runs go at the next hourly pass. */
export const setRetentionEndpoint = {
  body: RetentionSchema.strict(),
  response: RetentionSchema,
} satisfies Endpoint;

/** Answer of GET /api/v1/retention. */
export type Retention = ResponseOf<typeof getRetentionEndpoint>;

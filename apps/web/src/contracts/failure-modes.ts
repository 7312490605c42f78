/** Contract of /api/v1/failure-modes: the project's failed runs grouped by the signature of their onset. */
import { MAX_FAILURE_MODES } from "@onset/db";
import { z } from "zod";
import { jsonObject, querySchema, Timestamp, type Endpoint, type ResponseOf } from "./endpoint";

/** One mode as JSON carries it (packages/db FailureModeSummary, times as ISO strings). */
export interface FailureMode {
  key: string;
  evidenceKind: string;
  agentName: string;
  tool: string;
  errorClass: string;
  firstSeenAt: string;
  runs: number;
  costUsd: number;
  growth: number;
  perDay: { day: string; runs: number }[];
  examples: { traceId: string; name: string | null; task: string | null; startTime: string; costUsd: number }[];
  compare: { failing: string; succeeding: string; task: string } | null;
}

/** GET /api/v1/failure-modes?days=&limit=: the window in days (1-90, default 14) and the most modes (default 50). */
export const listFailureModesEndpoint = {
  query: querySchema({
    days: z.coerce.number().int().min(1).max(90).default(14),
    limit: z.coerce.number().int().min(1).max(MAX_FAILURE_MODES).default(50),
  }),
  response: z.object({ from: Timestamp, until: Timestamp, days: z.number().int(), modes: z.array(jsonObject<FailureMode>()) }),
} satisfies Endpoint;

/** Answer of GET /api/v1/failure-modes. */
export type FailureModes = ResponseOf<typeof listFailureModesEndpoint>;

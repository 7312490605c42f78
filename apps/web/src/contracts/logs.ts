/** Contract of /api/v1/logs: the project's OTLP log records. */
import type { LogRecordRow } from "@onset/db";
import { z } from "zod";
import { jsonObject, limitField, querySchema, type Endpoint } from "./endpoint";

/** GET /api/v1/logs?limit&before&traceId&all: newest first; `nextBefore` pages on. */
export const listLogsEndpoint = {
  query: querySchema({
    limit: limitField(500),
    before: z.string().regex(/^\d{1,19}$/, "before is the id of the last record of the previous page").optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, "traceId is 32 hex characters")
      .transform((s) => s.toLowerCase())
      .optional(),
    all: z.enum(["true", "false"]).optional(),
  }),
  response: z.object({ records: z.array(jsonObject<LogRecordRow>()), nextBefore: z.string().nullable() }),
} satisfies Endpoint;

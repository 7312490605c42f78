import { listLogRecords } from "@onset/db";
import { z } from "zod";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const LogsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    before: z.string().regex(/^\d{1,19}$/, "before is the id of the last record of the previous page").optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, "traceId is 32 hex characters")
      .transform((s) => s.toLowerCase())
      .optional(),
    all: z.enum(["true", "false"]).optional(),
    project: z.string().max(200).optional(),
  })
  .strict();

/**
 * GET /api/v1/logs?limit&before&traceId&all: the project's OTLP log records, newest first:
 * by default those without a span context (the ones no span shows), `traceId` for one
 * run's records, `all=true` for every record; `nextBefore` pages on.
 */
export const GET = apiRoute(async ({ req, principal }) => {
  const raw = Object.fromEntries([...req.nextUrl.searchParams.entries()].filter(([, v]) => v !== ""));
  const { limit, before, traceId, all } = LogsQuery.parse(raw);
  const context = traceId ? { traceId } : all === "true" ? ("any" as const) : ("none" as const);
  return listLogRecords(serverContext().pool, principal.projectId, { limit, before, context });
});

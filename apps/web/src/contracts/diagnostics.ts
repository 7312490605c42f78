/** Contract of /api/v1/diagnostics: mapping diagnostics per instrumentation scope over the most recent runs. */
import type { ScopeMappingDiagnostics } from "@onset/otlp";
import { z } from "zod";
import { jsonObject, querySchema, type Endpoint, type ResponseOf } from "./endpoint";

/** One scope's diagnostics plus the models whose spans had tokens but no cost. */
export type ScopeDiagnostics = ScopeMappingDiagnostics & {
  unpricedModels: { model: string; count: number }[];
};

/** GET /api/v1/diagnostics?maxRuns (1-1000). */
export const diagnosticsEndpoint = {
  query: querySchema({ maxRuns: z.coerce.number().int().min(1).max(1000).optional() }),
  response: z.object({
    sample: z.object({ runs: z.number(), spans: z.number(), from: z.string().nullable(), to: z.string().nullable(), truncated: z.boolean() }),
    scopes: z.array(jsonObject<ScopeDiagnostics>()),
  }),
} satisfies Endpoint;

/** Answer of GET /api/v1/diagnostics. */
export type DiagnosticsResponse = ResponseOf<typeof diagnosticsEndpoint>;

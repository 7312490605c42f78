/** Contract of /api/v1/import: an artifact's bytes in, the runs stored out. */
import { z } from "zod";
import { querySchema, type Endpoint, type ResponseOf } from "./endpoint";

/** Largest artifact accepted by upload. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** POST /api/v1/import?filename&format (the body is the artifact's bytes, not JSON). */
export const importEndpoint = {
  query: querySchema({ filename: z.string().min(1).max(500), format: z.string().max(50).default("auto") }),
  response: z.object({
    format: z.string(),
    runs: z.array(z.object({ traceId: z.string(), name: z.string(), steps: z.number(), errors: z.number(), spans: z.number() })),
  }),
} satisfies Endpoint;

/** What an upload stored. */
export type UploadResult = ResponseOf<typeof importEndpoint>;

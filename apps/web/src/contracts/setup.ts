/** Contract of /api/v1/setup: what the empty states show to point an exporter at Onset. */
import { z } from "zod";
import type { Endpoint, ResponseOf } from "./endpoint";

/** GET /api/v1/setup: the OTLP endpoints and the prefixes of the project's active keys. */
export const setupEndpoint = {
  response: z.object({ otlpHttpEndpoint: z.string(), otlpGrpcEndpoint: z.string(), keyPrefixes: z.array(z.string()) }),
} satisfies Endpoint;

/** Answer of GET /api/v1/setup. */
export type SetupInfo = ResponseOf<typeof setupEndpoint>;

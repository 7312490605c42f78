import { listApiKeys } from "@onset/db";
import { setupEndpoint } from "@/contracts/setup";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/setup: what the empty states show to point an exporter at Onset. */
export const GET = apiRoute(async ({ principal }) => {
  const keys = await listApiKeys(serverContext().prisma, principal.projectId);
  const active = keys.filter((k) => !k.revokedAt);
  return {
    otlpHttpEndpoint: process.env.ONSET_PUBLIC_OTLP_HTTP_URL ?? "http://localhost:4318",
    otlpGrpcEndpoint: process.env.ONSET_PUBLIC_OTLP_GRPC_URL ?? "http://localhost:4317",
    keyPrefixes: active.map((k) => k.prefix),
  };
}, { contract: setupEndpoint });

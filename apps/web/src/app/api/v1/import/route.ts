import { z } from "zod";
import { ApiError } from "@/server/api-error";
import { importUpload } from "@/server/import-service";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** Largest artifact accepted by upload. */
const MAX_BYTES = 64 * 1024 * 1024;

const Query = z
  .object({
    filename: z.string().min(1).max(500),
    format: z.string().max(50).default("auto"),
    project: z.string().max(200).optional(),
  })
  .strict();

/**
 * POST /api/v1/import?filename=run.traj[&format=auto|swe-agent|...]: the request body is
 * the artifact's bytes. Stores its runs in the caller's project.
 */
export const POST = apiRoute(
  async ({ req, principal }) => {
    const q = Query.parse(Object.fromEntries(req.nextUrl.searchParams));
    const declared = Number(req.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > MAX_BYTES) throw new ApiError(413, "too_large", `artifact exceeds ${MAX_BYTES} bytes`);
    const body = Buffer.from(await req.arrayBuffer());
    if (body.length === 0) throw new ApiError(400, "empty_body", "send the artifact's bytes as the request body");
    if (body.length > MAX_BYTES) throw new ApiError(413, "too_large", `artifact exceeds ${MAX_BYTES} bytes`);
    return importUpload(principal.projectId, q.filename, body, q.format);
  },
  { status: 201, access: "ingest", body: "raw" },
);

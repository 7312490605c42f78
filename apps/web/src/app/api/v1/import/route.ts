import { importEndpoint, MAX_IMPORT_BYTES } from "@/contracts/import";
import { ApiError } from "@/server/api-error";
import { importUpload } from "@/server/import-service";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/import?filename=run.traj[&format=auto|swe-agent|...]: the request body is
 * the artifact's bytes. Stores its runs in the caller's project.
 */
export const POST = apiRoute(
  async ({ req, principal, query }) => {
    const declared = Number(req.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES) throw new ApiError(413, "too_large", `artifact exceeds ${MAX_IMPORT_BYTES} bytes`);
    const body = Buffer.from(await req.arrayBuffer());
    if (body.length === 0) throw new ApiError(400, "empty_body", "send the artifact's bytes as the request body");
    if (body.length > MAX_IMPORT_BYTES) throw new ApiError(413, "too_large", `artifact exceeds ${MAX_IMPORT_BYTES} bytes`);
    return importUpload(principal.projectId, query.filename, body, query.format);
  },
  { status: 201, access: "ingest", body: "raw", contract: importEndpoint },
);

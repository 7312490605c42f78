import { getProjectRetention, setProjectRetention } from "@onset/db";
import { getRetentionEndpoint, setRetentionEndpoint } from "@/contracts/retention";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/retention: how many days the project keeps its runs (null: everything). */
export const GET = apiRoute(
  async ({ principal }) => ({ retentionDays: await getProjectRetention(serverContext().pool, principal.projectId) }),
  { contract: getRetentionEndpoint },
);

/** PATCH /api/v1/retention {retentionDays}: sets the project's retention (admin); the background pass applies it (packages/db retention.ts). */
export const PATCH = apiRoute(
  async ({ body, principal }) => {
    await setProjectRetention(serverContext().pool, principal.projectId, body.retentionDays);
    return { retentionDays: body.retentionDays };
  },
  { contract: setRetentionEndpoint },
);

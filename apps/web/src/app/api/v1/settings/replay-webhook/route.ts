import { generateWebhookSecret, staticTargetProblem } from "@onset/alerts";
import { readAnalysisSettings, updateReplayWebhook } from "@onset/db";
import { replayWebhookEndpoint, setReplayWebhookEndpoint } from "@/contracts/judge";
import { ApiError } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions } from "../../alerts/_support/alert-route-support";

export const dynamic = "force-dynamic";

/** GET /api/v1/settings/replay-webhook: `{replayWebhook: {url, hasSecret}}` (the secret is never returned). */
export const GET = apiRoute(async ({ principal }) => ({ replayWebhook: (await readAnalysisSettings(serverContext().pool, principal.projectId)).replayWebhook }), {
  contract: replayWebhookEndpoint,
});

/**
 * PATCH /api/v1/settings/replay-webhook `{url, secret?}`: sets the project's replay webhook
 * (admins; keys with the admin scope). Without `secret` one is generated and returned
 * once as `secret`; `url: null` removes the webhook. A URL refused without DNS (a private
 * address when those are not allowed) is a 400.
 */
export const PATCH = apiRoute(
  async ({ req, principal, body }) => {
    if (body.url !== null) {
      const problem = staticTargetProblem(body.url, alertOptions(req).allowPrivateWebhooks);
      if (problem) throw new ApiError(400, "webhook_refused", problem);
    }
    const secret = body.url === null ? null : (body.secret ?? generateWebhookSecret());
    const settings = await updateReplayWebhook(serverContext().pool, principal.projectId, { url: body.url, secret });
    return { replayWebhook: settings.replayWebhook, secret: body.secret === undefined ? secret : null };
  },
  { access: "admin", contract: setReplayWebhookEndpoint },
);

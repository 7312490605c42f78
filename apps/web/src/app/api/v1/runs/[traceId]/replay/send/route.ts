import { sendReplayWebhook } from "@onset/alerts";
import { buildReplayBundle } from "@onset/analysis";
import { getRunAnalysis } from "@onset/analysis-service";
import { loadReplayWebhook, loadRunSpans } from "@onset/db";
import { sendReplayEndpoint } from "@/contracts/judge";
import { ApiError, notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { alertOptions } from "../../../../alerts/_support/alert-route-support";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/runs/{traceId}/replay/send: sends the run's replay bundle (as GET
 * .../replay gives it) to the project's replay webhook, signed, once, and answers
 * `{delivered, statusCode, error}` with what the receiver did. 409 `no_replay_webhook`
 * when the project has none, 409 `no_onset` for a run with no onset. Members and up;
 * keys with the admin scope.
 */
export const POST = apiRoute(
  async ({ req, principal, params: { traceId } }) => {
    const { pool } = serverContext();
    const webhook = await loadReplayWebhook(pool, principal.projectId);
    if (!webhook) throw new ApiError(409, "no_replay_webhook", "this project has no replay webhook: set one under Settings → Judge, or PATCH /api/v1/settings/replay-webhook");
    const result = await getRunAnalysis(pool, principal.projectId, traceId);
    if (!result) throw notFound(`run ${traceId}`);
    const bundle = buildReplayBundle(await loadRunSpans(pool, principal.projectId, traceId), result.analysis);
    if (!bundle) throw new ApiError(409, "no_onset", "this run has no onset to replay from");
    const sent = await sendReplayWebhook(webhook, traceId, bundle, { allowPrivate: alertOptions(req).allowPrivateWebhooks });
    return { delivered: sent.error === null, statusCode: sent.statusCode, error: sent.error };
  },
  { access: "write", contract: sendReplayEndpoint },
);

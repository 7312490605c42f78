/**
 * The per-project replay webhook (issue 18): a run's replay bundle POSTed as JSON to the
 * URL a project set, signed like alert notifications (X-Onset-Signature: sha256 HMAC of
 * the body with the project's secret, X-Onset-Timestamp), under the same target policy
 * (http/https only, no private addresses unless ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1,
 * no redirects, a timeout). One attempt, its outcome returned to the caller: the user
 * asked for it and sees the result at once.
 */
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from "./signature";
import { postWebhook, type PostResult } from "./webhook-post";
import { resolveWebhookTarget, type HostLookup } from "./webhook-target";

/** Options of {@link sendReplayWebhook}. */
export interface ReplayWebhookOptions {
  allowPrivate: boolean;
  /** Default 10 s. */
  timeoutMs?: number;
  lookup?: HostLookup;
  now?: () => number;
}

/** Sends `bundle` for run `traceId` to the project's replay webhook; `statusCode` null when no response came. */
export async function sendReplayWebhook(webhook: { url: string; secret: string | null }, traceId: string, bundle: unknown, o: ReplayWebhookOptions): Promise<PostResult> {
  const target = await resolveWebhookTarget(webhook.url, { allowPrivate: o.allowPrivate, lookup: o.lookup });
  if (!target.ok) return { statusCode: null, error: target.error };
  const nowMs = (o.now ?? Date.now)();
  const body = JSON.stringify({ type: "replay", traceId, sentAt: new Date(nowMs).toISOString(), bundle });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Onset-Replay/1",
    "x-onset-replay-of": traceId,
    [TIMESTAMP_HEADER.toLowerCase()]: String(Math.floor(nowMs / 1000)),
  };
  if (webhook.secret) headers[SIGNATURE_HEADER.toLowerCase()] = signBody(webhook.secret, body);
  return postWebhook(target.url, target.addresses, body, headers, o.timeoutMs ?? 10_000);
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { ReplayWebhookResponse } from "@/contracts/judge";
import { apiGet, apiPatch } from "@/lib/api-client";
import styles from "./settings.module.css";
import { canAdminister, useUserProjects } from "./use-current-project";

const KEY = ["replay-webhook"];

/**
 * The project's replay webhook (issue 18): where "Send to replay webhook" on a run page
 * POSTs the run's replay bundle, signed with a secret generated here and shown once.
 * Admins set or remove it; others read the URL.
 */
export function ReplayWebhookSection() {
  const queryClient = useQueryClient();
  const canEdit = canAdminister(useUserProjects().data?.currentRole);
  const q = useQuery({ queryKey: KEY, queryFn: () => apiGet<ReplayWebhookResponse>("/settings/replay-webhook") });
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { url: string | null }) => apiPatch<ReplayWebhookResponse & { secret: string | null }>("/settings/replay-webhook", body),
    onSuccess: (r) => {
      setSecret(r.secret);
      setUrl("");
      queryClient.setQueryData(KEY, { replayWebhook: r.replayWebhook });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ url: url.trim() });
  };
  const current = q.data?.replayWebhook;
  return (
    <section className="card" data-testid="replay-webhook-settings">
      <h2>Replay webhook</h2>
      <p className="small muted">
        &ldquo;Send to replay webhook&rdquo; on a failed run&apos;s page POSTs its replay bundle (the conversation up to the onset, the tools, the
        diagnosis to inject) here as JSON, signed in <code>X-Onset-Signature</code> like alert notifications.
      </p>
      <p data-testid="replay-webhook-url">{current?.url ? <code>{current.url}</code> : <span className="muted">Not set.</span>}</p>
      {secret && (
        <p className="small" data-testid="replay-webhook-secret">
          Signing secret (shown once): <code>{secret}</code>
        </p>
      )}
      {canEdit && (
        <form onSubmit={submit} className={styles.stackForm}>
          <label>
            Webhook URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} type="url" placeholder="https://replays.example.com/onset" required />
          </label>
          <div>
            <button type="submit" disabled={save.isPending}>
              {current?.url ? "Replace (new secret)" : "Set webhook"}
            </button>{" "}
            {current?.url && (
              <button type="button" className={styles.secondary} onClick={() => save.mutate({ url: null })}>
                Remove
              </button>
            )}
          </div>
          {save.isError && (
            <p role="alert" className="error">
              {save.error.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

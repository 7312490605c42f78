"use client";
import { useMutation } from "@tanstack/react-query";
import type { SendReplayResponse } from "@/contracts/judge";
import { apiPost } from "@/lib/api-client";

/** "Send to replay webhook": POSTs the run's replay bundle to the project's replay webhook and says what the receiver answered. */
export function ReplaySendButton({ traceId }: { traceId: string }) {
  const send = useMutation({ mutationFn: () => apiPost<SendReplayResponse>(`/runs/${encodeURIComponent(traceId)}/replay/send`) });
  const r = send.data;
  return (
    <>
      <button type="button" onClick={() => send.mutate()} disabled={send.isPending} data-testid="replay-send">
        {send.isPending ? "Sending…" : "Send to replay webhook"}
      </button>{" "}
      <span className="small" data-testid="replay-send-result" role="status">
        {send.isError ? send.error.message : r ? (r.delivered ? `Sent · HTTP ${r.statusCode}` : `Not delivered: ${r.error ?? "no answer"}`) : ""}
      </span>
    </>
  );
}

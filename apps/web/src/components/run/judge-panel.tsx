"use client";
import type { PageStep } from "@/contracts/run";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { MouseEvent } from "react";
import { apiGet, apiPost } from "@/lib/api-client";
import { formatCost, formatDuration, formatTime, formatTokens } from "@/lib/format";
import type { RunJudgeResponse } from "@/contracts/judge";
import { stepLabel } from "@/lib/run-tree-rows";
import { runViewHref } from "./use-run-url";
import styles from "./judge-panel.module.css";

const STATUS_TEXT = { applied: "disagrees", kept: "agrees", failed: "no answer" } as const;

/**
 * The optional LLM judge beside the deterministic onset (issue 18): its latest pick,
 * category and rationale with the tokens and cost it took, and "Ask the judge"
 * (POST /runs/{traceId}/judge). A failed call says why; the deterministic onset above
 * stands either way. Everything the judge wrote is a React text child.
 */
export function JudgePanel({ traceId, steps, onSelectSpan }: { traceId: string; steps: readonly PageStep[]; onSelectSpan: (spanId: string) => void }) {
  const queryClient = useQueryClient();
  const key = ["run-judge", traceId];
  const q = useQuery({ queryKey: key, queryFn: () => apiGet<RunJudgeResponse>(`/runs/${encodeURIComponent(traceId)}/judge`) });
  const ask = useMutation({
    mutationFn: () => apiPost<RunJudgeResponse>(`/runs/${encodeURIComponent(traceId)}/judge`),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  if (!q.data) return null;
  const { judgement, mode } = q.data;
  if (mode === "off" && !judgement) return null;
  const byId = new Map(steps.map((s) => [s.id, s]));
  const stepLink = (stepId: string | null) => {
    if (!stepId) return <span className="muted">none</span>;
    const s = byId.get(stepId);
    const go = (e: MouseEvent) => {
      e.preventDefault();
      onSelectSpan(stepId);
    };
    return (
      <a href={runViewHref({ span: stepId })} onClick={go}>
        {s ? stepLabel(s) : stepId}
      </a>
    );
  };
  const report = judgement?.report;
  return (
    <section className={`card ${styles.card}`} data-testid="judge-panel" aria-label="LLM judge">
      <h2>
        LLM judge
        {report && (
          <span className={styles.status} data-status={report.status} data-testid="judge-status">
            {STATUS_TEXT[report.status]}
          </span>
        )}
        {report && <span className="small muted">{report.model}</span>}
      </h2>
      {report ? (
        <>
          <dl className={styles.compare}>
            <dt>Judge&apos;s pick</dt>
            <dd data-testid="judge-pick">
              {stepLink(report.pick?.stepId ?? null)}
              {report.pick && <span className="muted"> by {report.pick.agentName}</span>}
            </dd>
            <dt>Deterministic onset</dt>
            <dd data-testid="judge-deterministic">{stepLink(report.deterministicStepId)}</dd>
            <dt>Category</dt>
            <dd data-testid="judge-category">{report.category ?? "—"}</dd>
          </dl>
          {report.explanation && (
            <p className={styles.rationale} data-testid="judge-rationale">
              {report.explanation}
            </p>
          )}
          {report.status === "failed" && (
            <p className="error small" data-testid="judge-note">
              {report.note}
            </p>
          )}
          <p className={styles.facts} data-testid="judge-facts">
            {formatTokens(report.promptTokens)} prompt + {formatTokens(report.completionTokens)} completion tokens · {formatCost(report.costUsd)} ·{" "}
            {formatDuration(report.latencyMs)} · {formatTime(judgement!.judgedAt)}
          </p>
        </>
      ) : (
        <p className="small muted">The judge has not looked at this run yet.</p>
      )}
      <div className={styles.actions}>
        {mode === "off" ? (
          <span className="small muted">
            The judge is off for this project (<Link href="/settings?tab=judge">Settings → Judge</Link>).
          </span>
        ) : (
          <button type="button" onClick={() => ask.mutate()} disabled={ask.isPending} data-testid="ask-judge">
            {ask.isPending ? "Asking the judge…" : report ? "Ask the judge again" : "Ask the judge"}
          </button>
        )}
        {ask.isError && (
          <span role="alert" className="error small">
            {ask.error.message}
          </span>
        )}
      </div>
    </section>
  );
}

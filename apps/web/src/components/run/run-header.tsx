"use client";
import Link from "next/link";
import type { RunSummary } from "@onset/db";
import { formatDuration, formatTime } from "@/lib/format";
import { costText, tokensText, usageUnknown } from "@/lib/usage-text";
import { RunStatusBadge } from "../run-status-badge";
import { useProjectHref } from "../use-project-href";
import { ReplayLinks } from "./replay-links";
import styles from "./run.module.css";

/**
 * The run's name, status and totals, with a note when some spans had no price or no usage;
 * `cached` undefined while the diagnosis is on its way, `stored` when the run's analysis is
 * known to be stored (the outline came with its grouping), so it is only being loaded.
 */
export function RunHeader({ run, cached, stored }: { run: RunSummary; cached: boolean | undefined; stored: boolean }) {
  const href = useProjectHref();
  return (
    <header className={styles.header} data-testid="run-header">
      <div className={styles.headerTitle}>
        <Link href="/runs" className="small" prefetch={false}>
          ← Runs
        </Link>
        <h1 className={styles.runName}>{run.name ?? run.traceId}</h1>
        <RunStatusBadge status={run.status} />
        {/* The picker lists runs of the same task first (candidates), then takes any trace id. */}
        <Link href={href(`/diff?a=${encodeURIComponent(run.traceId)}`)} className="button-link" prefetch={false} data-testid="compare-with">
          Compare with…
        </Link>
      </div>
      <dl className={styles.stats}>
        <Stat label="Started" value={formatTime(run.startTime)} />
        <Stat label="Duration" value={formatDuration(run.durationMs)} />
        <Stat label="Spans" value={`${run.spanCount}${run.errorCount > 0 ? ` (${run.errorCount} failed)` : ""}`} />
        <Stat label="Tokens in / out" value={tokensText(run)} testId="run-tokens" />
        <Stat label="Cost" value={costText(run)} testId="run-cost" />
        {run.models.length > 0 && <Stat label="Models" value={run.models.join(", ")} />}
        {run.serviceName && <Stat label="Service" value={run.serviceName} />}
        {run.sessionId && <Stat label="Session" value={run.sessionId} />}
        {run.userId && <Stat label="User" value={run.userId} />}
      </dl>
      {run.unpricedSpans > 0 && (
        <p className={`small ${styles.note}`} data-testid="unpriced-note">
          {run.unpricedSpans} span{run.unpricedSpans > 1 ? "s" : ""} used a model with no known price, so the cost above leaves {run.unpricedSpans > 1 ? "them" : "it"} out.
          Add a price under <Link href="/settings">Settings</Link> to include {run.unpricedSpans > 1 ? "them" : "it"}.
        </p>
      )}
      {run.llmSpansWithoutUsage > 0 && (
        <p className={`small ${styles.note}`} data-testid="no-usage-note">
          {run.llmSpansWithoutUsage} LLM call{run.llmSpansWithoutUsage > 1 ? "s" : ""} reported no token usage
          {usageUnknown(run)
            ? ", and none did: this run's tokens and cost are unknown, not zero."
            : `, so the totals above leave ${run.llmSpansWithoutUsage > 1 ? "them" : "it"} out and are lower bounds.`}{" "}
          Streaming clients often send usage only when asked to (OpenAI: <code>stream_options.include_usage</code>).
        </p>
      )}
      <ReplayLinks traceId={run.traceId} />
      <p className="muted small">
        Trace {run.traceId}
        <span data-testid="analysis-state">{cached === undefined ? (stored ? " · loading diagnosis…" : " · analysing…") : cached ? "" : " · analysis just computed"}</span>
      </p>
    </header>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className={styles.stat} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

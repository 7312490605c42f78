"use client";
import Link from "next/link";
import type { RunSummary } from "@onset/db";
import { formatCost, formatDuration, formatTime, formatTokens } from "@/lib/format";
import { RunStatusBadge } from "../run-status-badge";
import { useProjectHref } from "../use-project-href";
import styles from "./run.module.css";

/** The run's name, status and totals, with a note when some spans had no price. */
export function RunHeader({ run, cached }: { run: RunSummary; cached: boolean }) {
  const href = useProjectHref();
  return (
    <header className={styles.header} data-testid="run-header">
      <div className={styles.headerTitle}>
        <Link href="/runs" className="small">
          ← Runs
        </Link>
        <h1 className={styles.runName}>{run.name ?? run.traceId}</h1>
        <RunStatusBadge status={run.status} />
        {/* The picker lists runs of the same task first (candidates), then takes any trace id. */}
        <Link href={href(`/diff?a=${encodeURIComponent(run.traceId)}`)} className="button-link" data-testid="compare-with">
          Compare with…
        </Link>
      </div>
      <dl className={styles.stats}>
        <Stat label="Started" value={formatTime(run.startTime)} />
        <Stat label="Duration" value={formatDuration(run.durationMs)} />
        <Stat label="Spans" value={`${run.spanCount}${run.errorCount > 0 ? ` (${run.errorCount} failed)` : ""}`} />
        <Stat label="Tokens in / out" value={`${formatTokens(run.inputTokens)} / ${formatTokens(run.outputTokens)}`} />
        <Stat label="Cost" value={formatCost(run.costUsd)} testId="run-cost" />
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
      <p className="muted small">
        Trace {run.traceId}
        {cached ? "" : " · analysis just computed"}
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

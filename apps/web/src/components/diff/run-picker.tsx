"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiGet } from "@/lib/api-client";
import type { CandidatesResponse } from "@/contracts/run";
import { formatCost, formatDuration, formatTime, formatTokens } from "@/lib/format";
import { RunStatusBadge } from "../run-status-badge";
import styles from "./diff.module.css";
import { QueryStatus, RELOAD_HINT } from "../query-status";
import { TableHead } from "../table-head";

/** Lists runs to compare `traceId` with (same task or root name, newest first) and links each to its diff. */
export function RunPicker({ traceId }: { traceId: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const query = useQuery({
    queryKey: ["diff-candidates", traceId],
    queryFn: () => apiGet<CandidatesResponse>(`/runs/${traceId}/candidates`, { limit: 50 }),
  });
  const run = query.data?.run;
  const typedOk = /^[0-9a-fA-F]{32}$/.test(typed.trim());

  return (
    <section data-testid="run-picker">
      <h1>Compare with…</h1>
      <QueryStatus
        query={query}
        loading="Loading runs of the same task…"
        failed="Could not load runs to compare with"
        hint={
          query.error?.message.includes("not found") ? (
            <>
              This run is not in the current project; open it from the <Link href="/runs">runs list</Link>.
            </>
          ) : (
            RELOAD_HINT
          )
        }
      />
      {run && (
        <p className={styles.pickerLead}>
          Comparing <Link href={`/runs/${encodeURIComponent(run.traceId)}`}>{run.name ?? run.traceId}</Link>{" "}
          <RunStatusBadge status={run.status} />
          <span className="muted small"> started {formatTime(run.startTime)}</span>
          {run.task && <span className="muted small"> · task {run.task}</span>}. It will be side A (the reference); pick side B.
        </p>
      )}
      {query.isSuccess && (
        <div className={styles.pickerActions}>
          <Link className={styles.buttonLink} href={`/diff?a=${traceId}&baseline=auto`}>
            Compare with recent successful runs (baseline group)
          </Link>
          <form
            className={styles.inlineForm}
            onSubmit={(e) => {
              e.preventDefault();
              if (typedOk) router.push(`/diff?a=${traceId}&b=${typed.trim().toLowerCase()}`);
            }}
          >
            <input aria-label="Trace id of run B" placeholder="or paste a trace id" value={typed} onChange={(e) => setTyped(e.target.value)} size={36} />
            <button type="submit" disabled={!typedOk}>
              Compare
            </button>
          </form>
        </div>
      )}
      {query.isSuccess && query.data.candidates.length === 0 && (
        <div className="card empty">
          <h2>No other run of this task yet</h2>
          <p>
            Runs are offered here when they share this run&apos;s task (the root span&apos;s <code>onset.task</code> attribute) or its root span
            name. Run the agent on the same task again, or paste the trace id of any run above.
          </p>
        </div>
      )}
      {query.isSuccess && query.data.candidates.length > 0 && (
        <table data-testid="candidates-table">
          <TableHead columns={["Run", "Status", "Started", "Duration", "Tokens in/out", "Cost", "Same", ""]} />
          <tbody>
            {query.data.candidates.map(({ run: c, matchedBy }) => (
              <tr key={c.traceId}>
                <td>
                  <Link href={`/runs/${encodeURIComponent(c.traceId)}`}>{c.name ?? c.traceId}</Link>
                  <div className="muted small">{c.traceId}</div>
                </td>
                <td>
                  <RunStatusBadge status={c.status} />
                </td>
                <td>{formatTime(c.startTime)}</td>
                <td>{formatDuration(c.durationMs)}</td>
                <td>
                  {formatTokens(c.inputTokens)} / {formatTokens(c.outputTokens)}
                </td>
                <td>{formatCost(c.costUsd)}</td>
                <td className="muted small">{matchedBy === "task" ? "task" : "root name"}</td>
                <td>
                  <Link className={styles.buttonLink} href={`/diff?a=${traceId}&b=${encodeURIComponent(c.traceId)}`} aria-label={`Compare with ${c.name ?? c.traceId} started ${formatTime(c.startTime)}`}>
                    Compare
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

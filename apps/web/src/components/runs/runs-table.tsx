"use client";
import Link from "next/link";
import type { RunListItem } from "@/contracts/runs";
import { formatDuration, formatTime } from "@/lib/format";
import { costText, tokensText, withoutUsageNote } from "@/lib/usage-text";
import { CopyButton } from "../copy-button";
import { RunStatusBadge } from "../run-status-badge";
import { useProjectHref } from "../use-project-href";
import { TableHead } from "../table-head";

/**
 * The runs table: a tick box per run (to compare), the run with what tells it apart from
 * other runs of its task (input and output, or the first error; task, session, trace id
 * with a copy button), then its figures. Previews are span text, rendered as text.
 */
export function RunsTable({ runs, selected, onToggle }: { runs: RunListItem[]; selected: ReadonlySet<string>; onToggle: (run: RunListItem) => void }) {
  const href = useProjectHref();
  return (
    <table className="runs" data-testid="runs-table">
      <TableHead
        columns={[
          { label: <span className="visually-hidden">Select</span>, className: "select-cell" },
          "Run",
          "Status",
          "Started",
          "Duration",
          "Spans",
          "Tokens in/out",
          "Cost",
          "Diagnosis",
        ]}
      />
      <tbody>
        {runs.map((r) => (
          <tr key={r.traceId} aria-selected={selected.has(r.traceId)} data-trace-id={r.traceId}>
            <td className="select-cell">
              <input
                type="checkbox"
                checked={selected.has(r.traceId)}
                onChange={() => onToggle(r)}
                aria-label={`Select ${r.name ?? r.traceId} started ${formatTime(r.startTime)}`}
              />
            </td>
            <td className="run-cell">
              <Link href={href(`/runs/${r.traceId}`)}>{r.name ?? r.traceId}</Link>
              <RunPreviewLine run={r} />
              <div className="muted small run-ids">
                {r.task && <span title="task (onset.task)">task {r.task}</span>}
                {r.sessionId && <span title="session">session {r.sessionId}</span>}
                {r.serviceName && <span title="service">{r.serviceName}</span>}
                <span className="trace-id" title={r.traceId} data-testid="trace-id">
                  trace <code>{r.traceId.slice(0, 12)}…</code>
                </span>
                <CopyButton text={r.traceId} what={`trace id ${r.traceId}`} />
              </div>
            </td>
            <td>
              <RunStatusBadge status={r.status} />
            </td>
            <td className="nowrap">{formatTime(r.startTime)}</td>
            <td className="nowrap">{formatDuration(r.durationMs)}</td>
            <td>
              {r.spanCount}
              {r.errorCount > 0 && <span className="error small"> ({r.errorCount} err)</span>}
            </td>
            <td className="nowrap">
              {tokensText(r)}
            </td>
            <td className="nowrap" data-testid="run-cost-cell">
              {costText(r)}
              {r.llmSpansWithoutUsage > 0 && (
                <span className="muted small" title="LLM calls that reported no token usage: the cost leaves them out">
                  {" "}
                  {withoutUsageNote(r.llmSpansWithoutUsage)}
                </span>
              )}
              {r.unpricedSpans > 0 && <span className="muted small" title="spans of models without a price"> +{r.unpricedSpans} unpriced</span>}
            </td>
            <td>
              {r.onsetSpanId && <span className="badge onset">onset found</span>}
              {r.loopCount > 0 && <span className="badge loop">{r.loopCount} loop{r.loopCount > 1 ? "s" : ""}</span>}
              {r.costFindingCount > 0 && (
                <span className="badge loop" title="runaway cost or context growth: see the run's diagnosis">
                  cost
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line of the run's content: the error of a failed run, else input → output. */
function RunPreviewLine({ run }: { run: RunListItem }) {
  const { input, output, error } = run.preview;
  if (!input && !output && !error) return null;
  return (
    <div className="run-preview small" data-testid="run-preview">
      {error ? (
        <span className="error" title={error}>
          {error}
        </span>
      ) : (
        <>
          {input && <span title={input}>{input}</span>}
          {input && output && <span className="muted"> → </span>}
          {output && (
            <span className="muted" title={output}>
              {output}
            </span>
          )}
        </>
      )}
    </div>
  );
}

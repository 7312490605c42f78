"use client";
import Link from "next/link";
import type { LoopRun, ModelUsage } from "@onset/db";
import type { RunSummary } from "@/contracts/runs";
import { formatCost, formatDuration, formatTime, formatTokens } from "@/lib/format";
import { costText, tokensText, totalTokensText, withoutUsageNote } from "@/lib/usage-text";
import styles from "./dashboard.module.css";
import { num, TableHead } from "../table-head";

/** Models by cost over the range; unpriced calls flagged (their cost is unknown, not zero). */
export function TopModels({ models }: { models: ModelUsage[] }) {
  return (
    <div className={`card ${styles.tableCard}`} data-testid="top-models">
      <h2>Top models</h2>
      {models.length === 0 ? (
        <p className="muted">No LLM calls in this range.</p>
      ) : (
        <table>
          <TableHead columns={["Model", num("Calls"), num("Runs"), num("Tokens in/out"), num("Cost")]} />
          <tbody>
            {models.map((m) => (
              <tr key={m.model}>
                <td>
                  <Link href={`/runs?model=${encodeURIComponent(m.model)}`}>{m.model}</Link>
                  {m.provider && <span className="muted small"> {m.provider}</span>}
                </td>
                <td className={styles.num}>{m.calls}</td>
                <td className={styles.num}>{m.runs}</td>
                <td className={styles.num}>
                  {tokensText({ ...m, llmSpansWithoutUsage: m.callsWithoutUsage })}
                </td>
                <td className={styles.num}>
                  {costText({ ...m, llmSpansWithoutUsage: m.callsWithoutUsage })}
                  {m.callsWithoutUsage > 0 && <div className="muted small">{withoutUsageNote(m.callsWithoutUsage)}</div>}
                  {m.unpricedCalls > 0 && (
                    <div className="small">
                      <Link href="/settings?tab=prices" className={styles.warnLink}>
                        {m.unpricedCalls} unpriced
                      </Link>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The most expensive runs of the range. */
export function CostliestRuns({ runs }: { runs: RunSummary[] }) {
  return (
    <div className={`card ${styles.tableCard}`} data-testid="costliest-runs">
      <h2>Costliest runs</h2>
      {runs.length === 0 ? (
        <p className="muted">No priced run in this range.</p>
      ) : (
        <table>
          <TableHead columns={["Run", num("Duration"), num("Tokens"), num("Cost")]} />
          <tbody>
            {runs.map((r) => (
              <tr key={r.traceId}>
                <td>
                  <Link href={`/runs/${encodeURIComponent(r.traceId)}`}>{r.name ?? r.traceId}</Link>{" "}
                  {r.status === "error" && <span className="badge status-error">error</span>}
                  <div className="muted small">{formatTime(r.startTime)}</div>
                </td>
                <td className={styles.num}>{formatDuration(r.durationMs)}</td>
                <td className={styles.num}>{totalTokensText(r)}</td>
                <td className={styles.num}>{costText(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Runs where loops were found, with what the repeats wasted once analysed. */
export function LoopRuns({ runs }: { runs: LoopRun[] }) {
  return (
    <div className={`card ${styles.tableCard}`} data-testid="loop-runs">
      <h2>Loops found</h2>
      {runs.length === 0 ? (
        <p className="muted">No loop detected in this range.</p>
      ) : (
        <table>
          <TableHead columns={["Run", num("Loops"), num("Wasted tokens"), num("Wasted cost")]} />
          <tbody>
            {runs.map(({ run, wastedTokens, wastedCostUsd, kinds }) => (
              <tr key={run.traceId}>
                <td>
                  <Link href={`/runs/${encodeURIComponent(run.traceId)}`}>{run.name ?? run.traceId}</Link>
                  <div className="muted small">
                    {formatTime(run.startTime)}
                    {kinds.length > 0 && ` · ${kinds.join(", ")}`}
                  </div>
                </td>
                <td className={styles.num}>{run.loopCount}</td>
                <td className={styles.num}>{formatTokens(wastedTokens)}</td>
                <td className={styles.num}>{formatCost(wastedCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

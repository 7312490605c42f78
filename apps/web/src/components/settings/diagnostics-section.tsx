"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { DiagnosticsResponse } from "@/contracts/diagnostics";
import { apiGet } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import { EmptyRuns } from "../runs/empty-runs";
import styles from "./settings.module.css";
import { num, TableHead } from "../table-head";

/** How many unmapped keys a row shows before "more". */
const KEYS_SHOWN = 8;

/** Mapping diagnostics per instrumentation scope, over the project's most recent runs. */
export function DiagnosticsSection() {
  const q = useQuery({ queryKey: ["diagnostics"], queryFn: () => apiGet<DiagnosticsResponse>("/diagnostics") });
  if (q.isPending) return <p className="muted">Reading recent spans…</p>;
  if (q.isError) {
    return (
      <p role="alert" className="error">
        Could not compute diagnostics: {q.error.message}. Check that Onset is running, then reload.
      </p>
    );
  }
  const { sample, scopes } = q.data;
  if (sample.spans === 0) return <EmptyRuns />;
  return (
    <div data-testid="diagnostics-section">
      <p className="muted">
        How Onset understood the spans of your instrumentation libraries: which convention mapper read them, LLM spans without token counts, models
        without a price, and attribute keys no mapper reads (candidates for a new mapping). Computed over the {sample.spans} spans of the {sample.runs}{" "}
        most recent run{sample.runs === 1 ? "" : "s"}
        {sample.from && sample.to && ` (${formatTime(sample.from)} – ${formatTime(sample.to)})`}
        {sample.truncated && ", cut at the span limit"}.
      </p>
      <table data-testid="diagnostics-table" className={styles.diagTable}>
        <TableHead
          columns={[
            "Instrumentation scope",
            num("Spans"),
            "Mapped by",
            "Span types",
            "LLM spans without usage",
            "Models without price",
            "Attribute keys not mapped",
          ]}
        />
        <tbody>
          {scopes.map((s) => (
            <tr key={`${s.scopeName ?? ""}@${s.scopeVersion ?? ""}`} data-testid="diagnostics-row">
              <td>
                <strong>{s.scopeName ?? <span className="muted">(no scope)</span>}</strong>
                {s.scopeVersion && <div className="muted small">{s.scopeVersion}</div>}
              </td>
              <td className={styles.num}>{s.spanCount}</td>
              <td>
                {s.mappers.map((m) => (
                  <div key={m.name} className={styles.shareRow}>
                    <span className={styles.shareBar}>
                      <span style={{ width: `${Math.round(m.share * 100)}%` }} className={m.name === "generic" ? styles.shareGeneric : undefined} />
                    </span>
                    <span className="small">
                      {m.name} {Math.round(m.share * 100)}%
                    </span>
                  </div>
                ))}
              </td>
              <td className="small">
                {Object.entries(s.types)
                  .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
                  .map(([t, n]) => `${t} ${n}`)
                  .join(" · ")}
              </td>
              <td>
                {s.llmSpansWithoutUsage.count === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <span className={styles.warnText}>{s.llmSpansWithoutUsage.count}</span>
                )}
              </td>
              <td className="small">
                {s.unpricedModels.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <>
                    {s.unpricedModels.map((m) => (
                      <div key={m.model}>
                        <span className={styles.warnText}>{m.model}</span> ({m.count})
                      </div>
                    ))}
                    <Link href="/settings?tab=prices">set a price</Link>
                  </>
                )}
              </td>
              <td className="small">
                {s.unconsumedKeys.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <details>
                    <summary>
                      {s.unconsumedKeys
                        .slice(0, KEYS_SHOWN)
                        .map((k) => k.key)
                        .join(", ")}
                      {s.unconsumedKeys.length > KEYS_SHOWN && ` +${s.unconsumedKeys.length - KEYS_SHOWN} more`}
                    </summary>
                    <ul className={styles.keyList}>
                      {s.unconsumedKeys.map((k) => (
                        <li key={k.key}>
                          <code>{k.key}</code> <span className="muted">on {k.count} spans</span>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { apiGet } from "@/lib/api-client";
import { formatCost, formatTime } from "@/lib/format";
import styles from "./failure-modes.module.css";
import { QueryStatus } from "../query-status";
import type { FailureMode, FailureModes } from "@/contracts/failure-modes";

const WINDOWS = [1, 7, 14, 30, 90];

/** Runs per day over the window as bars (days without runs are gaps of zero height). */
function Spark({ perDay, from, days }: { perDay: FailureMode["perDay"]; from: string; days: number }) {
  const byDay = new Map(perDay.map((d) => [d.day, d.runs]));
  const start = Date.parse(from.slice(0, 10));
  const max = Math.max(1, ...perDay.map((d) => d.runs));
  const bars = Array.from({ length: days + 1 }, (_, k) => new Date(start + k * 86_400_000).toISOString().slice(0, 10));
  return (
    <div className={styles.spark} aria-label="Runs per day" title={perDay.map((d) => `${d.day}: ${d.runs}`).join("\n")}>
      {bars.map((day) => (
        <span key={day} style={{ height: `${Math.round((100 * (byDay.get(day) ?? 0)) / max)}%` }} />
      ))}
    </div>
  );
}

/**
 * Failed runs grouped by the deterministic signature of their onset (issue 18): each
 * mode's evidence kind, agent, tool and error class, its runs, cost lost and trend, its
 * latest runs and a comparison of a failing and a succeeding run of the same task;
 * growing fastest first. All text from runs is rendered as text.
 */
export function FailureModesView() {
  const params = useSearchParams();
  const router = useRouter();
  const days = WINDOWS.includes(Number(params.get("days"))) ? Number(params.get("days")) : 14;
  const q = useQuery({
    queryKey: ["failure-modes", days],
    queryFn: () => apiGet<FailureModes>("/failure-modes", { days }),
  });
  return (
    <section>
      <h1>Failure modes</h1>
      <p className="muted small">
        Failed runs grouped by where they went wrong: the onset&apos;s evidence, agent and tool, and the error with numbers, ids, paths and
        quoted values taken out. No model is involved.{" "}
        <label>
          Window{" "}
          <select value={days} onChange={(e) => router.replace(`/failure-modes?days=${e.target.value}`)} data-testid="failure-modes-days">
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? "last day" : `last ${d} days`}
              </option>
            ))}
          </select>
        </label>
      </p>
      <QueryStatus query={q} loading="Loading the failure modes…" />
      {q.data && q.data.modes.length === 0 && <p className="muted">No failed run with a failure onset in this window.</p>}
      {q.data && (
        <div className={styles.list} data-testid="failure-modes">
          {q.data.modes.map((m) => (
            <article key={m.key} className={`card ${styles.mode}`} data-testid="failure-mode" data-key={m.key}>
              <h2>{m.errorClass === "(no error)" ? `${m.evidenceKind} in ${m.tool}` : m.errorClass}</h2>
              <p className={styles.parts}>
                <span>
                  evidence <code>{m.evidenceKind}</code>
                </span>
                <span>
                  agent <code>{m.agentName}</code>
                </span>
                <span>
                  tool <code>{m.tool}</code>
                </span>
                <span>first seen {formatTime(m.firstSeenAt)}</span>
              </p>
              <div className={styles.figures}>
                <span data-testid="failure-mode-runs">
                  {m.runs} failed run{m.runs === 1 ? "" : "s"}
                </span>
                <span>{formatCost(m.costUsd)} lost</span>
                <span className={m.growth > 0 ? styles.grow : undefined}>{m.growth > 0 ? `growing (+${m.growth})` : m.growth < 0 ? `shrinking (${m.growth})` : "steady"}</span>
                <Spark perDay={m.perDay} from={q.data.from} days={days} />
              </div>
              <ul className={styles.runs}>
                {m.examples.map((r) => (
                  <li key={r.traceId}>
                    <Link href={`/runs/${r.traceId}`}>{r.name ?? r.traceId}</Link> <span className="muted small">{formatTime(r.startTime)}</span>
                  </li>
                ))}
              </ul>
              {m.compare && (
                <p className="small">
                  <Link href={`/diff?a=${m.compare.failing}&b=${m.compare.succeeding}`} data-testid="failure-mode-compare">
                    Compare a failing and a succeeding run of “{m.compare.task}”
                  </Link>
                </p>
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}

"use client";
import type { CostFinding } from "@onset/analysis";
import type { MouseEvent } from "react";
import { formatCost, formatTokens } from "@/lib/format";
import { runViewHref } from "./use-run-url";
import styles from "./run.module.css";

const KIND: Record<CostFinding["kind"], { title: string; explain: string }> = {
  "cost-outlier": {
    title: "Runaway cost",
    explain: "This run cost many times the median of comparable runs (the same task, else the project's recent runs).",
  },
  "context-growth": {
    title: "Context growing without progress",
    explain: "An agent's prompt kept growing step after step while its steps learned little new: it paid for an ever longer history.",
  },
};

/** The run's cost findings (runaway cost against its siblings, context growth without progress), each linking to the first decision involved. */
export function CostFindingsCard({ findings, onSelectSpan }: { findings: CostFinding[]; onSelectSpan: (spanId: string) => void }) {
  if (findings.length === 0) return null;
  const go = (spanId: string) => (e: MouseEvent) => {
    e.preventDefault();
    onSelectSpan(spanId);
  };
  return (
    <section className={`card ${styles.costCard}`} data-testid="cost-findings" aria-label="Cost findings">
      <h2>Cost</h2>
      <ul className={styles.loopList}>
        {findings.map((f, i) => (
          <li key={`${f.kind}-${i}`} data-testid="cost-finding" data-kind={f.kind}>
            <strong className={styles.explained} title={KIND[f.kind].explain} tabIndex={0}>
              {KIND[f.kind].title}
            </strong>
            : {f.text}.
            <div className="small muted">
              {f.agentName && <>{f.agentName} · </>}
              prompt {formatTokens(f.fromInputTokens)} → {formatTokens(f.toInputTokens)} tokens · {formatCost(f.costUsd)}
              {f.stepIds[0] && (
                <>
                  {" · "}
                  <a href={runViewHref({ span: f.stepIds[0] })} onClick={go(f.stepIds[0])}>
                    first call
                  </a>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

"use client";
import type { RunAnalysis } from "@onset/analysis";
import type { PageStep } from "@/contracts/run";
import type { MouseEvent } from "react";
import { stepLabel } from "@/lib/run-tree-rows";
import { EvidenceList } from "./evidence-list";
import { runViewHref } from "./use-run-url";
import styles from "./run.module.css";

type SuspectsAnalysis = Pick<RunAnalysis, "suspects" | "outcome"> & { steps: readonly PageStep[] };

/**
 * A run whose outcome is unknown (no verdict, no error status, no sign of failure): the
 * steps the analysis would blame if it failed, best first, each with its evidence, so a
 * user knows where to look before saying whether it failed. The first is the onset the
 * run would get if it failed: "Mark failed" above makes it one, with its chain.
 */
export function SuspectsCard({ analysis, onSelectSpan }: { analysis: SuspectsAnalysis; onSelectSpan: (spanId: string) => void }) {
  if (analysis.outcome.status !== "unknown" || analysis.suspects.length === 0) return null;
  const steps = new Map<string, PageStep>(analysis.steps.map((s) => [s.id, s]));
  const go = (spanId: string) => (e: MouseEvent) => {
    e.preventDefault();
    onSelectSpan(spanId);
  };
  return (
    <section className={`card ${styles.suspectsCard}`} data-testid="suspects-card" aria-label="Suspect steps">
      <h2>Outcome unknown: where to look if this run failed</h2>
      <p className="small muted">Nothing in the run says whether it succeeded. If it failed, the first of these steps is where it went wrong by the analysis' reading; the others carry the most evidence after it. Mark the run failed or succeeded above to settle it.</p>
      <ol className={styles.suspectList}>
        {analysis.suspects.map((s) => {
          const step = steps.get(s.stepId);
          return (
            <li key={s.stepId} data-testid="suspect">
              <a href={runViewHref({ span: s.spanId })} onClick={go(s.spanId)} data-testid="suspect-link">
                {step ? stepLabel(step) : `Step ${s.stepIndex + 1}`}
              </a>{" "}
              <span className="small muted">
                {s.agentName}
                {s.score > 0 ? ` · score ${Math.round(s.score * 100)}%` : " · no signal, named by the fallback rule"}
              </span>
              <EvidenceList evidence={s.evidence.slice(0, 2)} go={go} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

"use client";
import type { LoopFinding, RunAnalysis } from "@onset/analysis";
import type { PageStep } from "@/contracts/run";
import type { MouseEvent } from "react";
import { CONFIDENCE_EXPLAINED } from "@/lib/evidence-kinds";
import { formatCost, formatTokens } from "@/lib/format";
import { CostFindingsCard } from "./cost-findings-card";
import { OnsetBanner } from "./onset-banner";
import { SuspectsCard } from "./suspects-card";
import { runViewHref } from "./use-run-url";
import styles from "./run.module.css";

type Diagnosis = Pick<RunAnalysis, "traceId" | "onset" | "chain" | "loops" | "outcome" | "costFindings" | "suspects"> & { steps: readonly PageStep[] };

/** Confidence as a whole percentage. */
function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

const LOOP_KIND: Record<LoopFinding["kind"], string> = {
  "repeated-call": "Repeated call",
  cycle: "Cycle",
  "repeated-output": "Repeated output",
  stall: "Stall",
};

/**
 * The diagnosis above the tree: the onset banner (what went wrong and what it spoiled,
 * in plain words, onset-banner.tsx) or, when the outcome is unknown, the steps to look at
 * first (suspects-card.tsx), every loop with what it wasted, and the cost
 * findings (runaway cost, context growth). Each names a span as a deep link (`?span=`)
 * that selects it in the tree. Cards sit in one wrapping row, so another panel can be
 * added beside them.
 */
export function DiagnosisPanel({ analysis, rootSpanId = null, onSelectSpan }: { analysis: Diagnosis; rootSpanId?: string | null; onSelectSpan: (spanId: string) => void }) {
  const { onset, outcome } = analysis;
  const costFindings = analysis.costFindings ?? [];
  const go = (spanId: string) => (e: MouseEvent) => {
    e.preventDefault();
    onSelectSpan(spanId);
  };

  const suspects = outcome.status === "unknown" ? (analysis.suspects ?? []) : [];
  if (!onset && analysis.loops.length === 0 && costFindings.length === 0 && outcome.status !== "failed" && suspects.length === 0) {
    return (
      <p className={`small ${styles.noDiagnosis}`} data-testid="no-diagnosis">
        Nothing to diagnose: no failure onset, no loop and no runaway cost in this run.
      </p>
    );
  }

  return (
    <div className={styles.diagnosisRow}>
      {(onset || outcome.status === "failed") && <OnsetBanner analysis={analysis} rootSpanId={rootSpanId} onSelectSpan={onSelectSpan} />}
      <SuspectsCard analysis={{ ...analysis, suspects }} onSelectSpan={onSelectSpan} />
      {analysis.loops.length > 0 && (
        <section className={`card ${styles.loopCard}`} data-testid="loops-card" aria-label="Loops">
          <h2>
            {analysis.loops.length} loop{analysis.loops.length > 1 ? "s" : ""}
          </h2>
          <ul className={styles.loopList}>
            {analysis.loops.map((loop) => (
              <li key={loop.id} data-testid="loop-item">
                <a href={runViewHref({ span: loop.onsetSpanId })} onClick={go(loop.onsetSpanId)} title="Go to the first repeat, where the loop starts wasting">
                  {LOOP_KIND[loop.kind]} ×{loop.count}
                </a>{" "}
                <code className={styles.signature}>{loop.signature}</code>
                <div className="small" data-testid="loop-waste">
                  wasted {formatTokens(loop.wastedTokens)} tokens · {formatCost(loop.wastedCostUsd)} ·{" "}
                  <span className={styles.explained} title={CONFIDENCE_EXPLAINED} tabIndex={0}>
                    confidence {percent(loop.confidence)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <CostFindingsCard findings={costFindings} onSelectSpan={onSelectSpan} />
    </div>
  );
}

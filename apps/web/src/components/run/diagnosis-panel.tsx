"use client";
import type { Evidence, LoopFinding, RunAnalysis, StepSummary } from "@onset/analysis";
import type { MouseEvent } from "react";
import { stepLabel } from "@/lib/run-tree-rows";
import { formatCost, formatTokens } from "@/lib/format";
import { runViewHref } from "./use-run-url";
import styles from "./run.module.css";

type Diagnosis = Pick<RunAnalysis, "traceId" | "onset" | "chain" | "loops" | "outcome" | "steps">;

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
 * The diagnosis above the tree: the failure onset with its evidence and confidence (and
 * a link downloading the replay bundle, GET /runs/{traceId}/replay), the downstream chain
 * it spoiled, and every loop with what it wasted. Each names a span as a deep link
 * (`?span=`) that selects it in the tree.
 */
export function DiagnosisPanel({ analysis, onSelectSpan }: { analysis: Diagnosis; onSelectSpan: (spanId: string) => void }) {
  const steps = new Map<string, StepSummary>(analysis.steps.map((s) => [s.id, s]));
  const { onset, outcome } = analysis;
  const chain = onset ? analysis.chain.filter((c) => c.stepId !== onset.stepId) : [];
  const go = (spanId: string) => (e: MouseEvent) => {
    e.preventDefault();
    onSelectSpan(spanId);
  };
  const stepName = (stepId: string) => {
    const s = steps.get(stepId);
    return s ? stepLabel(s) : `step ${stepId}`;
  };

  if (!onset && analysis.loops.length === 0) {
    return (
      <p className={`small ${styles.noDiagnosis}`} data-testid="no-diagnosis">
        {outcome.status === "failed"
          ? `The run failed (${outcome.reason}) but no step stood out as where it went wrong; the first errors in the tree are the place to start.`
          : "Nothing to diagnose: no failure onset and no loop in this run."}
      </p>
    );
  }

  return (
    <div className={styles.diagnosisRow}>
      {onset && (
        <section className={`card ${styles.onsetCard}`} data-testid="onset-card" aria-label="Failure onset">
          <h2>
            Failure onset:{" "}
            <a href={runViewHref({ span: onset.spanId })} onClick={go(onset.spanId)} data-testid="onset-link">
              {stepName(onset.stepId)}
            </a>{" "}
            <span className={styles.confidence} data-testid="onset-agent">
              by {onset.agentName}
            </span>{" "}
            <span className={styles.confidence} data-testid="onset-confidence">
              confidence {percent(onset.confidence)}
            </span>
          </h2>
          <EvidenceList evidence={onset.evidence} go={go} testId="onset-evidence" />
          {analysis.traceId && (
            <p className="small">
              <a
                href={`/api/v1/runs/${encodeURIComponent(analysis.traceId)}/replay?download=1`}
                download={`replay-${analysis.traceId}.json`}
                data-testid="replay-download"
                title="The conversation just before this step in OpenAI chat format, the tools, model and parameters, and a diagnosis message to inject"
              >
                Download replay
              </a>
            </p>
          )}
          {chain.length > 0 && (
            <div data-testid="onset-chain">
              <h3 className={styles.subhead}>Downstream chain · {chain.length} step{chain.length > 1 ? "s" : ""} it spoiled</h3>
              <ol className={styles.chain}>
                {chain.map((link) => (
                  <li key={link.stepId}>
                    <a href={runViewHref({ span: link.spanId })} onClick={go(link.spanId)}>
                      {stepName(link.stepId)}
                    </a>{" "}
                    <span className={link.relation === "incorrect" ? styles.tagIncorrect : styles.tagAffected}>{link.relation}</span>
                  </li>
                ))}
              </ol>
            </div>
          )}
        </section>
      )}
      {analysis.loops.length > 0 && (
        <section className={`card ${styles.loopCard}`} data-testid="loops-card" aria-label="Loops">
          <h2>
            {analysis.loops.length} loop{analysis.loops.length > 1 ? "s" : ""}
          </h2>
          <ul className={styles.loopList}>
            {analysis.loops.map((loop) => (
              <li key={loop.id} data-testid="loop-item">
                <a href={runViewHref({ span: loop.onsetSpanId })} onClick={go(loop.onsetSpanId)}>
                  {LOOP_KIND[loop.kind]} ×{loop.count}
                </a>{" "}
                <code className={styles.signature}>{loop.signature}</code>
                <div className="small" data-testid="loop-waste">
                  wasted {formatTokens(loop.wastedTokens)} tokens · {formatCost(loop.wastedCostUsd)} · confidence {percent(loop.confidence)}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Evidence bullets; each names the spans it saw, as links. */
export function EvidenceList({ evidence, go, testId }: { evidence: Evidence[]; go: (spanId: string) => (e: MouseEvent) => void; testId?: string }) {
  if (evidence.length === 0) return null;
  return (
    <ul className={styles.evidence} data-testid={testId}>
      {evidence.map((ev, i) => (
        <li key={`${ev.kind}-${i}`}>
          <span className={styles.evidenceKind}>{ev.kind}</span> {ev.text}
          {ev.spanIds.length > 0 && (
            <span className="small">
              {" "}
              (
              {ev.spanIds.slice(0, 4).map((id, k) => (
                <span key={id}>
                  {k > 0 && ", "}
                  <a href={runViewHref({ span: id })} onClick={go(id)}>
                    {id.slice(0, 8)}
                  </a>
                </span>
              ))}
              {ev.spanIds.length > 4 ? `, +${ev.spanIds.length - 4}` : ""})
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

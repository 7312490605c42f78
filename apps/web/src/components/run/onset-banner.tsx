"use client";
import type { RunAnalysis } from "@onset/analysis";
import type { PageStep } from "@/contracts/run";
import type { MouseEvent } from "react";
import { errorExcerpt } from "@/lib/error-excerpt";
import { CONFIDENCE_EXPLAINED } from "@/lib/evidence-kinds";
import { mainEvidence, quoteSpanId, runHeadline } from "@/lib/run-headline";
import { stepLabel } from "@/lib/run-tree-rows";
import { EvidenceList } from "./evidence-list";
import { useRunSpan } from "./use-run-span";
import { runViewHref } from "./use-run-url";
import styles from "./run.module.css";
import { ReplaySendButton } from "./replay-send-button";

/** What the banner reads. */
export type BannerAnalysis = Pick<RunAnalysis, "traceId" | "onset" | "chain" | "loops" | "outcome"> & { steps: readonly PageStep[] };

/**
 * The failure onset in plain words: one or two sentences saying which step went wrong,
 * what it did (quoting the error text from the span that showed it) and what it spoiled
 * (later steps, and the run's own error, quoted); then the evidence with its kinds
 * explained on hover, the confidence (explained on hover), the replay download and the
 * downstream chain. The quotes come from the span endpoint (the same react-query entries
 * the detail pane reads) and appear when they arrive; the sentence stands without them.
 */
export function OnsetBanner({ analysis, rootSpanId, onSelectSpan }: { analysis: BannerAnalysis; rootSpanId: string | null; onSelectSpan: (spanId: string) => void }) {
  const { onset } = analysis;
  const steps = new Map<string, PageStep>(analysis.steps.map((s) => [s.id, s]));
  const main = onset ? mainEvidence(onset.evidence) : null;
  const failed = analysis.outcome.status === "failed";
  const evidenceSpan = useRunSpan(analysis.traceId, quoteSpanId(analysis, main));
  const rootSpan = useRunSpan(analysis.traceId, failed ? rootSpanId : null);
  const quotes = {
    evidence: evidenceSpan.data ? errorExcerpt(evidenceSpan.data.span) : null,
    run: rootSpan.data ? errorExcerpt(rootSpan.data.span) : null,
  };
  const step = onset ? steps.get(onset.stepId) : undefined;
  const h = runHeadline(analysis, quotes, step ? `Step ${step.index + 1}` : null);
  const chain = onset ? analysis.chain.filter((c) => c.stepId !== onset.stepId) : [];
  const go = (spanId: string) => (e: MouseEvent) => {
    e.preventDefault();
    onSelectSpan(spanId);
  };
  const stepName = (stepId: string) => {
    const s = steps.get(stepId);
    return s ? stepLabel(s) : `step ${stepId}`;
  };

  return (
    <section className={`card ${styles.onsetCard}`} data-testid={onset ? "onset-card" : "failure-card"} aria-label={onset ? "Failure onset" : "Failure"}>
      <p className={styles.headline} data-testid="onset-headline">
        {onset && h.subject ? (
          <a href={runViewHref({ span: onset.spanId })} onClick={go(onset.spanId)} data-testid="onset-link" title={step ? stepLabel(step) : undefined}>
            {h.subject}
          </a>
        ) : null}
        {onset ? ` ${h.what}` : h.what}
        {h.whatQuote ? (
          <>
            : <code className={styles.quote} data-testid="onset-quote">{h.whatQuote}</code>.
          </>
        ) : (
          "."
        )}
        {h.spoiled && (
          <>
            {" "}
            {h.spoiled}
            {h.spoiledQuote && onset ? (
              <>
                : <code className={styles.quote} data-testid="run-error-quote">{h.spoiledQuote}</code>.
              </>
            ) : onset && !h.spoiled.endsWith(".") ? (
              "."
            ) : null}
          </>
        )}
      </p>
      {onset && (
        <>
          <p className="small muted">
            Failure onset, the earliest step the failure descends from: {step ? stepLabel(step) : onset.stepId}{" "}
            <span className={styles.confidence} data-testid="onset-agent">
              by {onset.agentName}
            </span>{" "}
            <span className={`${styles.confidence} ${styles.explained}`} data-testid="onset-confidence" title={CONFIDENCE_EXPLAINED} tabIndex={0}>
              confidence {Math.round(onset.confidence * 100)}%
            </span>
          </p>
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
              </a>{" "}
              · <ReplaySendButton traceId={analysis.traceId} />
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
                    <span
                      className={link.relation === "incorrect" ? styles.tagIncorrect : styles.tagAffected}
                      title={link.relation === "incorrect" ? "This step was wrong itself, building on the onset." : "This step used the onset's result."}
                    >
                      {link.relation}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          )}
        </>
      )}
    </section>
  );
}

"use client";
import type { Evidence } from "@onset/analysis";
import type { MouseEvent } from "react";
import { evidenceWords } from "@/lib/evidence-kinds";
import { runViewHref } from "./use-run-url";
import styles from "./run.module.css";

/**
 * Evidence bullets: a chip naming the kind in plain words (hover explains it), the
 * analyzer's text, and the spans it saw as links. Notes about competing signals
 * (`conflict`) come last, muted: they explain a choice, they are not the why.
 */
export function EvidenceList({ evidence, go, testId }: { evidence: Evidence[]; go: (spanId: string) => (e: MouseEvent) => void; testId?: string }) {
  if (evidence.length === 0) return null;
  const ordered = [...evidence.filter((e) => e.kind !== "conflict"), ...evidence.filter((e) => e.kind === "conflict")];
  return (
    <ul className={styles.evidence} data-testid={testId}>
      {ordered.map((ev, i) => {
        const words = evidenceWords(ev.kind);
        return (
          <li key={`${ev.kind}-${i}`} className={ev.kind === "conflict" ? "muted" : undefined} data-kind={ev.kind}>
            <span className={styles.evidenceKind} title={words.explain} data-testid="evidence-kind" tabIndex={0}>
              {words.label}
            </span>{" "}
            {ev.text}
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
        );
      })}
    </ul>
  );
}

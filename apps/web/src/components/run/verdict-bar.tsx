"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiDelete, apiPost } from "@/lib/api-client";
import type { RunAnalysisResponse, VerdictResponse } from "@/contracts/run";
import { outcomeSentence } from "@/lib/run-verdict-text";
import styles from "./run.module.css";

type Outcome = Pick<RunAnalysisResponse, "outcome" | "outcomeSource" | "verdict">;

/** Longest note the API keeps (packages/db MAX_VERDICT_NOTE; not imported: the browser bundle does not carry @onset/db). */
const MAX_NOTE = 2000;

/** Re-renders every 30 s so "2 min ago" stays true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * The run's outcome and where it came from, with "Mark failed" / "Mark succeeded" (and
 * "Clear verdict" once one is set). A change re-analyzes the run on the server; the page's
 * analysis query is then invalidated so the onset, chain and tree markers follow. Every
 * string from the run (the analyzer's reason, a note) is a React text child.
 */
export function VerdictBar({ traceId, analysis }: { traceId: string; analysis: Outcome }) {
  const qc = useQueryClient();
  const now = useNow();
  const [note, setNote] = useState("");
  const path = `/runs/${encodeURIComponent(traceId)}/verdict`;
  const change = useMutation({
    mutationFn: (to: "failed" | "succeeded" | "clear") =>
      to === "clear" ? apiDelete<VerdictResponse>(path) : apiPost<VerdictResponse>(path, note.trim() ? { outcome: to, note: note.trim() } : { outcome: to }),
    onSuccess: async () => {
      setNote("");
      // The list's onset badge may have changed too.
      await Promise.all([qc.invalidateQueries({ queryKey: ["run-analysis", traceId] }), qc.invalidateQueries({ queryKey: ["runs"] })]);
    },
  });
  const { outcome, outcomeSource, verdict } = analysis;
  const busy = change.isPending;

  return (
    <section
      className={`card ${styles.verdictBar} ${outcome.status === "failed" ? styles.verdictFailed : outcome.status === "succeeded" ? styles.verdictSucceeded : ""}`}
      data-testid="verdict-bar"
      data-outcome={outcome.status}
      data-outcome-source={outcomeSource ?? "none"}
      aria-label="Run outcome"
    >
      <p className={styles.verdictLine}>
        <span className={styles.verdictLabel}>Outcome</span> <span data-testid="outcome-source">{outcomeSentence(outcome, outcomeSource, verdict, now)}</span>
      </p>
      {verdict?.note && (
        <p className={`small ${styles.verdictNote}`} data-testid="verdict-note">
          Note: {verdict.note}
        </p>
      )}
      <div className={styles.verdictActions}>
        <input
          type="text"
          aria-label="Verdict note"
          placeholder="Why (optional)"
          value={note}
          maxLength={MAX_NOTE}
          onChange={(e) => setNote(e.target.value)}
          disabled={busy}
          className={styles.verdictInput}
        />
        <button type="button" className={styles.markFailed} onClick={() => change.mutate("failed")} disabled={busy || verdict?.outcome === "failed"}>
          Mark failed
        </button>
        <button type="button" className={styles.markSucceeded} onClick={() => change.mutate("succeeded")} disabled={busy || verdict?.outcome === "succeeded"}>
          Mark succeeded
        </button>
        {verdict && (
          <button type="button" className="link-button" onClick={() => change.mutate("clear")} disabled={busy}>
            Clear verdict
          </button>
        )}
        {busy && <span className="small muted">Re-analyzing…</span>}
      </div>
      {change.isError && (
        <p role="alert" className="error small" data-testid="verdict-error">
          {change.error.message}
        </p>
      )}
    </section>
  );
}

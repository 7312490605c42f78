"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { apiGet } from "@/lib/api-client";
import type { DiffResponse } from "@/lib/diff-types";
import type { RunSummary } from "@/contracts/runs";
import { formatDuration, formatTime } from "@/lib/format";
import { costText, totalTokensText } from "@/lib/usage-text";
import { RunStatusBadge } from "../run-status-badge";
import { DiffSummary } from "./diff-summary";
import { DiffTable } from "./diff-table";
import styles from "./diff.module.css";

/** One side's run in the header. */
function RunHeader({ side, run, note }: { side: "A" | "B"; run: RunSummary; note: string }) {
  return (
    <div className={`${styles.runHeader} ${side === "A" ? styles.sideA : styles.sideB}`} data-testid={`diff-run-${side.toLowerCase()}`}>
      <span className={styles.sideTag}>{side}</span>
      <div>
        <Link href={`/runs/${encodeURIComponent(run.traceId)}`}>{run.name ?? run.traceId}</Link>{" "}
        <RunStatusBadge status={run.status} />
        <span className="muted small"> {note}</span>
        <div className="muted small">
          {formatTime(run.startTime)} · {formatDuration(run.durationMs)} · {run.spanCount} spans · {totalTokensText(run)} tokens ·{" "}
          {costText(run)}
          {run.unpricedSpans > 0 && ` (+${run.unpricedSpans} unpriced)`}
        </div>
      </div>
    </div>
  );
}

/** The diff of two runs (or of a run against its baseline group): header, summary, aligned rows. */
export function DiffView({ a, b, baseline }: { a: string; b: string | null; baseline: string | null }) {
  const params = useSearchParams();
  const router = useRouter();
  const query = useQuery({
    queryKey: ["diff", a, b, baseline],
    queryFn: () => apiGet<DiffResponse>("/diff", b ? { a, b } : { a, baseline }),
    staleTime: 60_000,
  });
  const setParam = (key: string, value: string | null) => {
    const qs = new URLSearchParams(params);
    if (value === null) qs.delete(key);
    else qs.set(key, value);
    router.replace(`/diff?${qs}`, { scroll: false });
  };

  if (query.isPending) return <p className="muted">Aligning the two runs…</p>;
  if (query.isError) {
    const msg = query.error.message;
    return (
      <section>
        <h1>Run diff</h1>
        <p role="alert" className="error">
          Could not compare these runs: {msg}.{" "}
          {msg.includes("not found")
            ? "Both runs must belong to the project you are looking at; open them from the runs list."
            : msg.includes("successful run")
              ? "Pick a run to compare with instead."
              : "Check that Onset is running, then reload."}
        </p>
        <p>
          <Link href={`/diff?a=${a}`}>Pick another run to compare with</Link> · <Link href="/runs">Runs list</Link>
        </p>
      </section>
    );
  }
  const d = query.data;
  return (
    <section>
      <div className={styles.titleRow}>
        <h1>Run diff</h1>
        <span className="spacer" />
        {d.mode === "pair" && (
          <Link className={styles.buttonLink} href={`/diff?a=${encodeURIComponent(d.runB.traceId)}&b=${encodeURIComponent(d.runA.traceId)}`}>
            Swap A ↔ B
          </Link>
        )}
        <Link className={styles.buttonLink} href={`/diff?a=${a}`}>
          Compare with another run
        </Link>
      </div>
      <div className={styles.runHeaders}>
        <RunHeader side="A" run={d.runA} note={d.mode === "baseline" ? "closest baseline (reference)" : "reference"} />
        <RunHeader side="B" run={d.runB} note={d.mode === "baseline" ? "the run judged" : "compared"} />
      </div>
      <DiffSummary diff={d} />
      <DiffTable
        diff={d}
        showAll={params.get("rows") === "all"}
        onShowAll={(all) => setParam("rows", all ? "all" : null)}
        openPair={params.get("pair")}
        onOpenPair={(k) => setParam("pair", k)}
      />
    </section>
  );
}

"use client";
import Link from "next/link";
import { Fragment, useEffect, useMemo, useState } from "react";
import { buildDiffRows, foldRows, formatDelta, type DiffRow, type DiffRowSide } from "@/lib/diff-rows";
import type { DiffResponse } from "@/lib/diff-types";
import { ContentDiff } from "./content-diff";
import styles from "./diff.module.css";
import { num, TableHead } from "../table-head";

const OP_SYMBOL: Record<DiffRow["op"], string> = { match: "=", substitution: "≠", insertion: "+", deletion: "−" };
const OP_CLASS: Record<DiffRow["op"], string | undefined> = {
  match: undefined,
  substitution: styles.opSub,
  insertion: styles.opIns,
  deletion: styles.opDel,
};

/** One side's cell: the event, its step and agent, and a link to its span in the run page. */
function SideCell({ side, traceId, which }: { side: DiffRowSide | null; traceId: string; which: "a" | "b" }) {
  if (!side) return <td className={`${styles.sideCell} ${styles.emptySide}`} />;
  return (
    <td className={`${styles.sideCell} ${which === "a" ? styles.cellA : styles.cellB}`}>
      <div className={styles.eventLabel}>{side.label}</div>
      <div className="muted small">
        step {side.step}
        {side.agent && <> · {side.agent}</>}
        {side.spanName && (
          <>
            {" · "}
            <Link href={`/runs/${encodeURIComponent(traceId)}?span=${encodeURIComponent(side.spanId)}`} title="Open this span in its run">
              {side.spanName}
            </Link>
          </>
        )}
        {side.spanStatus === "error" && <span className="error"> · error</span>}
      </div>
    </td>
  );
}

/**
 * The two aligned columns: a row per aligned position (match, substitution, insertion,
 * deletion), a marker above t*, per-pair token/cost/latency deltas, and content diffs of
 * arguments and outputs on demand. Unchanged stretches are folded unless `showAll`.
 */
export function DiffTable({
  diff: d,
  showAll,
  onShowAll,
  openPair,
  onOpenPair,
}: {
  diff: DiffResponse;
  showAll: boolean;
  onShowAll: (all: boolean) => void;
  openPair: string | null;
  onOpenPair: (index: string | null) => void;
}) {
  const rows = useMemo(() => buildDiffRows(d), [d]);
  const items = useMemo(() => (showAll ? rows.map((r) => ({ kind: "row" as const, ...r })) : foldRows(rows)), [rows, showAll]);
  const [openGaps, setOpenGaps] = useState<Set<number>>(new Set());
  const T = rows.length;
  const fd = d.firstDivergence;
  const cd = d.contentDivergence;
  // A deep link to a pair (?pair=k) opens scrolled to it; later clicks do not scroll.
  useEffect(() => {
    if (openPair) document.getElementById(`pair-${openPair}`)?.scrollIntoView({ block: "center" });
  }, []);

  const renderRow = (r: DiffRow) => {
    const open = openPair === String(r.index);
    return (
      <Fragment key={r.index}>
        {r.contentFirst && cd && (
          <tr className={styles.markerRow} data-testid="content-divergence-marker">
            <td colSpan={7}>
              ▼ first divergence · position {cd.index + 1} of {T} ({Math.round(cd.relative * 100)}%) ·{" "}
              {cd.kind === "decision" ? "a different decision, leading to a different tool call" : "the same tool called with different arguments"}
              {fd ? ` · structurally the runs part later, at t* (position ${fd.index + 1})` : ""}
            </td>
          </tr>
        )}
        {r.first && fd && (
          <tr className={styles.markerRow} data-testid="first-divergence-marker">
            <td colSpan={7}>
              ▼ {cd ? "where the structure parts, t*" : "first divergence t*"} · position {fd.index + 1} of {T} ({Math.round(fd.relative * 100)}%) · {r.typeText}
            </td>
          </tr>
        )}
        <tr
          className={`${styles.pairRow} ${OP_CLASS[r.op] ?? ""} ${r.contentFirst || r.contentAction ? styles.opContent : ""} ${r.first || r.contentFirst ? styles.firstRow : ""}`}
          data-op={r.op}
          data-content-divergence={r.contentFirst ? "first" : r.contentAction ? "action" : undefined}
          data-testid={r.first ? "first-divergence-row" : r.contentFirst ? "content-divergence-row" : "diff-row"}
          id={`pair-${r.index}`}
        >
          <td className={`${styles.num} muted small`}>{r.index + 1}</td>
          <SideCell side={r.a} traceId={d.runA.traceId} which="a" />
          <td
            className={styles.opCell}
            title={r.contentFirst || r.contentAction ? "same kind of step, different content: the runs start doing different things here" : r.typeText || r.op}
          >
            {r.contentFirst || r.contentAction ? "≈" : OP_SYMBOL[r.op]}
          </td>
          <SideCell side={r.b} traceId={d.runB.traceId} which="b" />
          <td className={styles.num}>{formatDelta(r.deltas.tokens, "tokens")}</td>
          <td className={styles.num}>{formatDelta(r.deltas.costUsd, "usd")}</td>
          <td className={styles.num}>
            {formatDelta(r.deltas.latencyMs, "ms")}
            {r.annotations && (
              <button className={styles.contentToggle} onClick={() => onOpenPair(open ? null : String(r.index))} aria-expanded={open}>
                {open ? "hide content" : "content differs"}
              </button>
            )}
          </td>
        </tr>
        {r.type && r.op !== "match" && !r.first && (
          <tr className={styles.typeRow}>
            <td />
            <td colSpan={6} className="muted small">
              {r.typeText}
            </td>
          </tr>
        )}
        {open && r.annotations && (
          <tr className={styles.annotationRow}>
            <td />
            <td colSpan={6}>
              {r.annotations.arguments && <ContentDiff label="Arguments / input (A → B)" diff={r.annotations.arguments} />}
              {r.annotations.output && <ContentDiff label="Output (A → B)" diff={r.annotations.output} />}
            </td>
          </tr>
        )}
      </Fragment>
    );
  };

  return (
    <div className={`card ${styles.tableCard}`}>
      <div className={styles.tableTools}>
        <h2>Aligned steps</h2>
        <span className="muted small">
          {T} positions · <span className={styles.legendSub}>≠ substituted</span> · <span className={styles.legendDel}>− only in A</span> ·{" "}
          <span className={styles.legendIns}>+ only in B</span>
        </span>
        <span className="spacer" />
        <label className="small">
          <input type="checkbox" checked={showAll} onChange={(e) => onShowAll(e.target.checked)} /> show unchanged steps
        </label>
      </div>
      {T === 0 ? (
        <p className="muted">Neither run has events to align (no agent, LLM or tool spans).</p>
      ) : (
        <table className={styles.diffTable} data-testid="diff-table">
          <TableHead
            columns={["#", `A · ${d.runA.name ?? d.runA.traceId}`, "", `B · ${d.runB.name ?? d.runB.traceId}`, num("Δ tokens"), num("Δ cost"), num("Δ latency")]}
          />
          <tbody>
            {items.map((item) => {
              if (item.kind === "row") return renderRow(item);
              if (openGaps.has(item.from)) return rows.slice(item.from, item.to + 1).map(renderRow);
              return (
                <tr key={`gap-${item.from}`} className={styles.gapRow}>
                  <td colSpan={7}>
                    <button className="link-button" onClick={() => setOpenGaps(new Set(openGaps).add(item.from))}>
                      ⋯ {item.count} unchanged position{item.count > 1 ? "s" : ""} ({item.from + 1}–{item.to + 1}): show
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

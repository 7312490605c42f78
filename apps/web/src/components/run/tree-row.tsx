"use client";
import { memo } from "react";
import type { SpanFacts } from "@onset/db";
import { markersFor, type RunMarkers } from "@/lib/run-markers";
import type { TreeRow } from "@/lib/run-tree-rows";
import { barGeometry, type TimeScale } from "@/lib/run-waterfall";
import { formatCost, formatDuration, formatTokens } from "@/lib/format";
import styles from "./run.module.css";

const TYPE_CHIP: Record<string, string> = {
  run: "R",
  agent: "A",
  llm: "L",
  tool: "T",
  chain: "C",
  retriever: "Rt",
  embedding: "E",
  guardrail: "G",
  other: "·",
  stage: "St",
  step: "#",
};

/** Props of one tree row. */
export interface TreeRowProps {
  row: TreeRow;
  top: number;
  height: number;
  scale: TimeScale;
  marks: RunMarkers;
  facts: SpanFacts | undefined;
  selected: boolean;
  /** The row's span matches the search. */
  matched?: boolean;
  onSelect: (row: TreeRow) => void;
  onToggle: (rowId: string) => void;
}

/** One row: indent, expander, type chip, name, markers, then the waterfall bar with its duration. */
export const TreeRowView = memo(function TreeRowView({ row, top, height, scale, marks, facts, selected, matched = false, onSelect, onToggle }: TreeRowProps) {
  const { node, depth } = row;
  const markers = markersFor(marks, node);
  const kindKey = node.kind === "span" ? (node.spanType ?? "other") : node.kind;
  const bar = barGeometry(scale, node.startMs, node.endMs);
  const cls = [
    styles.row,
    node.kind !== "span" ? styles.groupRow : "",
    selected ? styles.selected : "",
    markers.onset ? styles.onsetRow : "",
    markers.chain ? styles.chainRow : "",
    markers.loop ? styles.loopRow : "",
    matched ? styles.matchRow : "",
  ].join(" ");
  const duration = formatDuration(node.endMs - node.startMs);
  return (
    <div
      className={cls}
      style={{ top, height }}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-selected={selected}
      data-row-kind={node.kind}
      data-span-id={node.kind === "span" ? (node.spanId ?? undefined) : undefined}
      data-step-id={node.stepId ?? undefined}
      data-onset={markers.onset || undefined}
      data-chain={markers.chain ?? undefined}
      data-loop={markers.loop ? markers.loop.kind : undefined}
      data-match={matched || undefined}
      data-status={node.status}
      onClick={() => onSelect(row)}
    >
      <div className={styles.labelCell} style={{ paddingLeft: 6 + depth * 14 }}>
        {row.expandable ? (
          <button
            type="button"
            className={styles.toggle}
            aria-label={row.expanded ? "Collapse" : "Expand"}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(node.id);
            }}
          >
            {row.expanded ? "▾" : "▸"}
          </button>
        ) : (
          <span className={styles.toggleSpacer} />
        )}
        <span className={styles.chip} data-kind={kindKey}>
          {TYPE_CHIP[kindKey] ?? "·"}
        </span>
        <span className={styles.name} title={node.label}>
          {node.label}
        </span>
        {node.status === "error" && <span className={styles.markError} title="failed">✕</span>}
        {markers.onset && <span className={styles.markOnset}>onset</span>}
        {markers.chain && <span className={styles.markChain}>{markers.chain === "incorrect" ? "chain · wrong" : "chain"}</span>}
        {markers.loop && <span className={styles.markLoop}>{markers.loopOnset ? "loop starts" : "loop"}</span>}
        {markers.label === "unuseful" && !markers.loop && <span className={styles.markLoop}>wasted</span>}
        <span className={styles.rowFacts}>{rowFacts(facts)}</span>
      </div>
      <div className={styles.barCell}>
        {!bar.outside && (
          <>
            <div
              className={styles.bar}
              data-kind={kindKey}
              data-status={node.status}
              style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%` }}
              title={duration}
            />
            <span
              className={styles.barLabel}
              data-testid="bar-duration"
              style={bar.labelSide === "right" ? { left: `calc(${bar.leftPct + bar.widthPct}% + 4px)` } : { right: `calc(${100 - bar.leftPct}% + 4px)` }}
            >
              {duration}
            </span>
          </>
        )}
      </div>
    </div>
  );
});

/** Model, tokens and cost of an LLM row; cost of any row that had one. */
function rowFacts(f: SpanFacts | undefined): string {
  if (!f) return "";
  const parts: string[] = [];
  if (f.model) parts.push(f.model);
  if (f.inputTokens !== null || f.outputTokens !== null) parts.push(`${formatTokens(f.inputTokens ?? 0)}→${formatTokens(f.outputTokens ?? 0)}`);
  if (f.costUsd) parts.push(formatCost(f.costUsd));
  return parts.join(" · ");
}

"use client";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { SpanFacts } from "@onset/db";
import type { RunMarkers } from "@/lib/run-markers";
import { ancestorsOf, errorSpanIds, expandableIds, flattenRows, keepForSpans, type DisplayTree, type TreeRow } from "@/lib/run-tree-rows";
import { isFullScale, timeTicks, zoomScale, type TimeScale } from "@/lib/run-waterfall";
import { TreeRowView } from "./tree-row";
import { TreeToolbar } from "./tree-toolbar";
import { useSpanSearch } from "./use-span-search";
import { VirtualRows, type VirtualRowsHandle } from "./virtual-rows";
import styles from "./run.module.css";

const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 26;

/** Props of {@link RunTree}. */
export interface RunTreeProps {
  traceId: string;
  tree: DisplayTree;
  /** Row ids a filter keeps, or null for no filter. */
  keep: ReadonlySet<string> | null;
  /** The run's whole time axis (the waterfall zooms inside it). */
  scale: TimeScale;
  marks: RunMarkers;
  facts: ReadonlyMap<string, SpanFacts>;
  selectedSpanId: string | null;
  /** Selects a span; `replace` for steps too small to be a history entry (arrow keys, search stepping). */
  onSelectSpan: (spanId: string, opts?: { replace?: boolean }) => void;
}

/**
 * The run's tree beside its waterfall, in one virtualized list so both scroll together,
 * under a toolbar (search with previous/next, errors only, hide stage/step rows,
 * collapse/expand all, zoom). Everything starts expanded; a selected span (a deep link
 * included) has its ancestors opened and is scrolled into view once per selection.
 * Keys: ↑/↓ move between spans, ←/→ collapse/expand, Home/End, "/" searches.
 */
export function RunTree({ traceId, tree, keep, scale, marks, facts, selectedSpanId, onSelectSpan }: RunTreeProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [query, setQuery] = useState("");
  const [current, setCurrent] = useState(-1);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [hideGroups, setHideGroups] = useState(false);
  const [view, setView] = useState<TimeScale>(scale);
  const list = useRef<VirtualRowsHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const revealed = useRef<string | null>(null);
  const opened = useRef<string | null>(null);

  useEffect(() => setView(scale), [scale]);
  // When the tree was first drawn (a User Timing mark the run page benchmark reads).
  useEffect(() => void performance.mark("onset:tree-drawn"), []);

  // "/" jumps to the search box from anywhere on the page but a text field.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)))) return;
      e.preventDefault();
      searchBox.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Open the selected span's ancestors once per selection (a deep link into a collapsed
  // group); collapsing one of them afterwards is the user's choice and sticks.
  useEffect(() => {
    if (!selectedSpanId || opened.current === selectedSpanId || !tree.byId.has(selectedSpanId)) return;
    opened.current = selectedSpanId;
    const above = ancestorsOf(tree, selectedSpanId);
    setCollapsed((prev) => {
      if (!above.some((id) => prev.has(id))) return prev;
      const next = new Set(prev);
      for (const id of above) next.delete(id);
      return next;
    });
  }, [selectedSpanId, tree]);

  const search = useSpanSearch(traceId, tree, query);
  const effectiveKeep = useMemo(() => {
    if (!errorsOnly) return keep;
    const failed = [...errorSpanIds(tree)].filter((id) => keep === null || keep.has(id));
    return keepForSpans(tree, new Set(failed));
  }, [errorsOnly, keep, tree]);
  const rows = useMemo(() => flattenRows(tree, collapsed, effectiveKeep, { hideGroups }), [tree, collapsed, effectiveKeep, hideGroups]);
  const indexOfSpan = useMemo(() => {
    const m = new Map<string, number>();
    rows.forEach((r, i) => {
      if (r.node.kind === "span" && r.node.spanId) m.set(r.node.spanId, i);
    });
    return m;
  }, [rows]);

  // The tree the selection was last revealed in: when the analysis arrives, step and stage
  // rows are added above the selected span, which is then brought back into view.
  const revealedIn = useRef<DisplayTree | null>(null);
  useEffect(() => {
    if (!selectedSpanId || (revealed.current === selectedSpanId && revealedIn.current === tree)) return;
    const i = indexOfSpan.get(selectedSpanId);
    if (i === undefined) return;
    revealed.current = selectedSpanId;
    revealedIn.current = tree;
    list.current?.reveal(i);
  }, [selectedSpanId, indexOfSpan, tree]);

  // A new search starts before its first match.
  useEffect(() => setCurrent(-1), [query]);

  const stepMatch = useCallback(
    (dir: 1 | -1) => {
      const n = search.matches.length;
      if (n === 0) return;
      // From the selected span when it is a match, else from the current one.
      const at = selectedSpanId ? search.matches.indexOf(selectedSpanId) : -1;
      const from = at >= 0 ? at : current;
      const next = from < 0 ? (dir === 1 ? 0 : n - 1) : (from + dir + n) % n;
      setCurrent(next);
      revealed.current = null;
      onSelectSpan(search.matches[next]!, { replace: true });
    },
    [search.matches, selectedSpanId, current, onSelectSpan],
  );

  const toggle = useCallback((rowId: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(rowId)) next.delete(rowId);
      else next.add(rowId);
      return next;
    });
  }, []);

  const select = useCallback(
    (row: TreeRow) => {
      if (row.node.kind === "span" && row.node.spanId) {
        revealed.current = row.node.spanId; // clicked rows are already in view
        revealedIn.current = tree;
        onSelectSpan(row.node.spanId);
      } else if (row.node.kind === "step" && row.node.spanId) {
        onSelectSpan(row.node.spanId); // a step opens its decision span
      } else {
        toggle(row.node.id);
      }
    },
    [onSelectSpan, toggle, tree],
  );

  const selectRowSpan = (i: number, dir: 1 | -1) => {
    for (; i >= 0 && i < rows.length; i += dir) {
      const n = rows[i]!.node;
      if (n.kind === "span" && n.spanId) {
        revealed.current = null;
        onSelectSpan(n.spanId, { replace: true });
        return;
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = selectedSpanId ? (indexOfSpan.get(selectedSpanId) ?? -1) : -1;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const dir = e.key === "ArrowDown" ? 1 : -1;
      selectRowSpan(at + dir, dir);
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      if (e.key === "Home") selectRowSpan(0, 1);
      else selectRowSpan(rows.length - 1, -1);
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && at >= 0) {
      const row = rows[at]!;
      if (row.expandable && row.expanded === (e.key === "ArrowLeft")) {
        e.preventDefault();
        toggle(row.node.id);
      }
    }
  };

  const zoom = (factor: number) => {
    const sel = selectedSpanId ? tree.byId.get(selectedSpanId) : undefined;
    const center = sel ? (sel.startMs + sel.endMs) / 2 : undefined;
    setView((v) => zoomScale(scale, v, factor, factor > 1 ? center : undefined));
  };

  const ticks = useMemo(() => timeTicks(view, 6, scale.startMs), [view, scale.startMs]);
  const zoomed = !isFullScale(scale, view);
  const header = (
    <div className={styles.treeHeader} style={{ height: HEADER_HEIGHT }}>
      <div className={styles.labelCell} data-testid="tree-row-count">
        {effectiveKeep || hideGroups ? `${rows.length.toLocaleString("en-US")} rows shown` : `${tree.size.toLocaleString("en-US")} rows`}
      </div>
      <div className={styles.barCell} data-testid="waterfall-axis" data-zoomed={zoomed || undefined}>
        {ticks.map((t) => (
          <span key={t.pct} className={styles.tick} style={{ left: `${t.pct}%` }}>
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );

  return (
    <>
      <TreeToolbar
        ref={searchBox}
        query={query}
        onQuery={setQuery}
        matchCount={search.matches.length}
        current={selectedSpanId && search.matchSet.has(selectedSpanId) ? search.matches.indexOf(selectedSpanId) : current}
        searching={search.searching}
        truncated={search.truncated}
        onStep={stepMatch}
        errorsOnly={errorsOnly}
        onErrorsOnly={setErrorsOnly}
        hideGroups={hideGroups}
        onHideGroups={setHideGroups}
        onCollapseAll={() => setCollapsed(expandableIds(tree))}
        onExpandAll={() => setCollapsed(new Set())}
        zoomed={zoomed}
        onZoom={zoom}
        onZoomReset={() => setView(scale)}
      />
      {effectiveKeep && effectiveKeep.size === 0 && errorsOnly && <p className="small muted">No span failed in this run{keep ? " under this filter" : ""}.</p>}
      <VirtualRows
        ref={list}
        className={styles.treeList}
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        header={header}
        headerHeight={HEADER_HEIGHT}
        onKeyDown={onKeyDown}
        ariaLabel="Spans of the run"
        testId="run-tree"
        renderRow={(i, style) => {
          const row = rows[i]!;
          const spanId = row.node.kind === "span" ? row.node.spanId : null;
          return (
            <TreeRowView
              key={row.node.id}
              row={row}
              top={style.top}
              height={style.height}
              scale={view}
              marks={marks}
              facts={spanId ? facts.get(spanId) : undefined}
              selected={spanId !== null && spanId === selectedSpanId}
              matched={spanId !== null && search.matchSet.has(spanId)}
              onSelect={select}
              onToggle={toggle}
            />
          );
        }}
      />
    </>
  );
}

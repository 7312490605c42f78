"use client";
import { forwardRef, type KeyboardEvent } from "react";
import styles from "./run.module.css";

/** What the toolbar shows and changes. */
export interface TreeToolbarProps {
  query: string;
  onQuery: (q: string) => void;
  /** Matches found so far, the current one (0-based, -1 for none), and whether the content search is still running. */
  matchCount: number;
  current: number;
  searching: boolean;
  truncated: boolean;
  onStep: (dir: 1 | -1) => void;
  errorsOnly: boolean;
  onErrorsOnly: (on: boolean) => void;
  hideGroups: boolean;
  onHideGroups: (on: boolean) => void;
  onCollapseAll: () => void;
  onExpandAll: () => void;
  zoomed: boolean;
  onZoom: (factor: number) => void;
  onZoomReset: () => void;
}

/**
 * Above the tree: a search (names, inputs, outputs, errors) with previous/next (Enter,
 * Shift+Enter), the "errors only" and "hide stage/step rows" toggles, collapse/expand
 * all, and the waterfall's zoom.
 */
export const TreeToolbar = forwardRef<HTMLInputElement, TreeToolbarProps>(function TreeToolbar(p, ref) {
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      p.onStep(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape" && p.query !== "") {
      e.preventDefault();
      e.stopPropagation();
      p.onQuery("");
    }
  };
  const status =
    p.query.trim() === ""
      ? ""
      : p.matchCount === 0
        ? p.searching
          ? "searching…"
          : "no matches"
        : `${p.current >= 0 ? p.current + 1 : 0} of ${p.matchCount}${p.truncated ? "+" : ""}${p.searching ? " …" : ""}`;
  return (
    <div className={styles.toolbar} data-testid="tree-toolbar">
      <div className={styles.searchBox}>
        <input
          ref={ref}
          type="search"
          placeholder="Search names, inputs, outputs, errors  ( / )"
          aria-label="Search spans"
          value={p.query}
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={onKey}
          data-testid="tree-search"
        />
        <span className={styles.searchStatus} data-testid="search-status" aria-live="polite">
          {status}
        </span>
        <button type="button" onClick={() => p.onStep(-1)} disabled={p.matchCount === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
          ↑
        </button>
        <button type="button" onClick={() => p.onStep(1)} disabled={p.matchCount === 0} aria-label="Next match" title="Next match (Enter)">
          ↓
        </button>
      </div>
      <label className={styles.toggleLabel}>
        <input type="checkbox" checked={p.errorsOnly} onChange={(e) => p.onErrorsOnly(e.target.checked)} data-testid="errors-only" /> Errors only
      </label>
      <label className={styles.toggleLabel} title="Show spans only, without the Stage and Step rows the analysis groups them in">
        <input type="checkbox" checked={p.hideGroups} onChange={(e) => p.onHideGroups(e.target.checked)} data-testid="hide-groups" /> Hide stage/step rows
      </label>
      <span className={styles.buttonGroup}>
        <button type="button" onClick={p.onCollapseAll} data-testid="collapse-all">
          Collapse all
        </button>
        <button type="button" onClick={p.onExpandAll} data-testid="expand-all">
          Expand all
        </button>
      </span>
      <span className={styles.buttonGroup} aria-label="Waterfall zoom">
        <button type="button" onClick={() => p.onZoom(0.5)} disabled={!p.zoomed} aria-label="Zoom out" data-testid="zoom-out">
          −
        </button>
        <button type="button" onClick={() => p.onZoom(2)} aria-label="Zoom in" title="Zoom the waterfall in (around the selected span)" data-testid="zoom-in">
          +
        </button>
        <button type="button" onClick={p.onZoomReset} disabled={!p.zoomed} data-testid="zoom-reset">
          Whole run
        </button>
      </span>
    </div>
  );
});

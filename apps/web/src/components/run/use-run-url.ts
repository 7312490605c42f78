"use client";
/**
 * The run page's deep-linkable state in the URL (`?tab=`, `?span=`, `?filter=`), so any
 * view can be shared as a link. Choosing a span or a tab pushes a history entry (Back
 * returns to the previous span or tab, not out of the run); walking the tree with the
 * arrow keys replaces it, so Back does not replay every row passed. Both go through
 * the History API, which Next's useSearchParams follows without a server round trip:
 * selecting a span in a 10,000-span run must not re-render the server layout.
 */
import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { parseRunTab, type RunTab } from "@/lib/run-tabs";

/** The URL state and its setter. */
export interface RunUrlState {
  tab: RunTab;
  span: string | null;
  /** A DAG node id (`kind:name`) the tree is filtered to. */
  filter: string | null;
  /** Changes the URL state: a new history entry unless `replace` (for steps too small to go Back to). */
  set: (next: Partial<{ tab: RunTab; span: string | null; filter: string | null }>, opts?: { replace?: boolean }) => void;
}

/** Reads and writes the run page's URL state. */
export function useRunUrl(): RunUrlState {
  const params = useSearchParams();
  const set = useCallback((next: Partial<{ tab: RunTab; span: string | null; filter: string | null }>, opts: { replace?: boolean } = {}) => {
    const qs = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(next)) {
      if (value === null || value === undefined || value === "" || (key === "tab" && value === "tree")) qs.delete(key);
      else qs.set(key, value);
    }
    const search = qs.toString();
    const url = `${window.location.pathname}${search ? `?${search}` : ""}`;
    if (url === `${window.location.pathname}${window.location.search}`) return; // no empty Back steps
    // State must be null: Next treats a state carrying its own markers as internal and
    // would not tell useSearchParams about the change (it adds its own markers to ours,
    // so Back and Forward restore the entry's URL and useSearchParams follows).
    if (opts.replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, []);
  return { tab: parseRunTab(params.get("tab")), span: params.get("span"), filter: params.get("filter"), set };
}

/** Relative link to a view of the current run (for real anchors people can copy). */
export function runViewHref(view: { tab?: RunTab; span?: string | null; filter?: string | null }): string {
  const qs = new URLSearchParams();
  if (view.tab && view.tab !== "tree") qs.set("tab", view.tab);
  if (view.span) qs.set("span", view.span);
  if (view.filter) qs.set("filter", view.filter);
  const s = qs.toString();
  return s ? `?${s}` : "?";
}

"use client";
/**
 * The run page's deep-linkable state in the URL (`?tab=`, `?span=`, `?filter=`), so any
 * view can be shared as a link. Updates go through history.replaceState, which Next's
 * useSearchParams follows without a server round trip: selecting a span in a
 * 10,000-span run must not re-render the server layout.
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
  set: (next: Partial<{ tab: RunTab; span: string | null; filter: string | null }>) => void;
}

/** Reads and writes the run page's URL state. */
export function useRunUrl(): RunUrlState {
  const params = useSearchParams();
  const set = useCallback((next: Partial<{ tab: RunTab; span: string | null; filter: string | null }>) => {
    const qs = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(next)) {
      if (value === null || value === undefined || value === "" || (key === "tab" && value === "tree")) qs.delete(key);
      else qs.set(key, value);
    }
    const search = qs.toString();
    // State must be null: Next treats a state carrying its own markers as internal and
    // would not tell useSearchParams about the change.
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
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

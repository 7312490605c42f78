"use client";
/**
 * The run page's search: span names match at once in the browser; inputs, outputs, tool
 * calls and errors are searched in the database (GET /runs/{traceId}/search, debounced),
 * since the page never holds a long run's content. Matches are kept in tree order.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { SearchResponse } from "@/contracts/run";
import { apiGet } from "@/lib/api-client";
import { spansNamed, type DisplayTree } from "@/lib/run-tree-rows";

/** The matches of a search text, in tree order, and whether the content search is still running. */
export interface SpanSearch {
  matches: string[];
  matchSet: ReadonlySet<string>;
  searching: boolean;
  truncated: boolean;
}

const DEBOUNCE_MS = 250;

/** Matches of `text` in the run (names at once, content when the server answers). */
export function useSpanSearch(traceId: string, tree: DisplayTree, text: string): SpanSearch {
  const [debounced, setDebounced] = useState(text.trim());
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);
  const q = useQuery({
    queryKey: ["run-search", traceId, debounced],
    queryFn: () => apiGet<SearchResponse>(`/runs/${encodeURIComponent(traceId)}/search`, { q: debounced }),
    enabled: debounced !== "",
    staleTime: 60_000,
  });
  const order = useMemo(() => {
    const m = new Map<string, number>();
    let i = 0;
    const walk = (nodes: DisplayTree["roots"]) => {
      for (const n of nodes) {
        if (n.kind === "span" && n.spanId) m.set(n.spanId, i++);
        walk(n.children);
      }
    };
    walk(tree.roots);
    return m;
  }, [tree]);
  return useMemo(() => {
    const trimmed = text.trim();
    if (trimmed === "") return { matches: [], matchSet: new Set<string>(), searching: false, truncated: false };
    const found = new Set(spansNamed(tree, trimmed));
    const server = debounced === trimmed ? q.data : undefined;
    for (const id of server?.spanIds ?? []) if (order.has(id)) found.add(id);
    const matches = [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    return { matches, matchSet: found, searching: debounced !== trimmed || q.isFetching, truncated: server?.truncated ?? false };
  }, [text, debounced, tree, q.data, q.isFetching, order]);
}

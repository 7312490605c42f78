"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { apiGet } from "@/lib/api-client";
import { RUN_FILTER_KEYS, type RunListItem, type RunPage } from "@/contracts/runs";
import { readRunFilters, type RunFilterValues } from "@/lib/run-list-filters";
import { LoadMoreButton } from "../load-more-button";
import { CompareBar } from "./compare-bar";
import { EmptyRuns } from "./empty-runs";
import { RunsFilters } from "./runs-filters";
import { RunsTable } from "./runs-table";
import { QueryStatus, RELOAD_HINT } from "../query-status";

/**
 * The runs list: URL-driven filters, live refresh, cursor pagination, the count shown,
 * and runs ticked to compare. Also the diff page's way to pick runs (`path` "/diff").
 */
export function RunsList({ path = "/runs", heading = "Runs", intro }: { path?: string; heading?: string; intro?: ReactNode }) {
  const params = useSearchParams();
  const router = useRouter();
  // Every filter lives in the URL, so a filtered list is a link.
  const filters = readRunFilters(params);
  const query = useInfiniteQuery({
    queryKey: ["runs", filters],
    queryFn: ({ pageParam }) => apiGet<RunPage>("/runs", { ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
  const [selected, setSelected] = useState<Map<string, RunListItem>>(new Map());
  const runs = query.data?.pages.flatMap((p) => p.runs) ?? [];
  const filtered = RUN_FILTER_KEYS.some((k) => filters[k] && k !== "sort" && k !== "order");
  const setFilter = (next: RunFilterValues) => {
    // From the address as it is now, not as this render saw it: the project may have been
    // added to it meanwhile (ProjectUrlSync), and a filter must not drop it, nor it the filter.
    const here = window.location.pathname === path;
    const qs = new URLSearchParams(here ? window.location.search : params);
    for (const [k, v] of Object.entries(next)) {
      if (v) qs.set(k, v);
      else qs.delete(k);
    }
    // On this page, through the History API as ProjectUrlSync does (Next's router follows it
    // and useSearchParams sees it): both change the address at once, each from the other's
    // result, where a router transition still pending could be overwritten by the other.
    if (here) window.history.replaceState(null, "", `${path}?${qs}${window.location.hash}`);
    else router.replace(`${path}?${qs}`, { scroll: false });
  };
  const toggle = (run: RunListItem) =>
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(run.traceId)) next.delete(run.traceId);
      else next.set(run.traceId, run);
      return next;
    });

  return (
    <section>
      <h1>{heading}</h1>
      {intro}
      <RunsFilters values={filters} onChange={setFilter} />
      <QueryStatus query={query} loading="Loading runs…" failed="Could not load runs" hint={RELOAD_HINT} />
      {query.isSuccess && runs.length === 0 && (filtered ? <p className="muted">No run matches these filters.</p> : <EmptyRuns />)}
      {runs.length > 0 && (
        <>
          <div className="runs-toolbar">
            <span className="muted" data-testid="runs-count">
              {query.hasNextPage ? `Showing the first ${runs.length} runs` : `${runs.length} run${runs.length > 1 ? "s" : ""}`}
              {filtered ? " matching these filters" : ""}
            </span>
            <CompareBar selected={[...selected.values()]} onClear={() => setSelected(new Map())} />
          </div>
          <RunsTable runs={runs} selected={new Set(selected.keys())} onToggle={toggle} />
        </>
      )}
      {query.hasNextPage && <LoadMoreButton loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()} />}
    </section>
  );
}

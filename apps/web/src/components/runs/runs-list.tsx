"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { apiGet } from "@/lib/api-client";
import type { RunPage } from "@/contracts/runs";
import { formatCost, formatDuration, formatTime, formatTokens } from "@/lib/format";
import { RUN_FILTER_KEYS } from "@/contracts/runs";
import { readRunFilters, type RunFilterValues } from "@/lib/run-list-filters";
import { LoadMoreButton } from "../load-more-button";
import { RunStatusBadge } from "../run-status-badge";
import { EmptyRuns } from "./empty-runs";
import { RunsFilters } from "./runs-filters";


/** The runs table: URL-driven filters, live refresh, cursor pagination. */
export function RunsList() {
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
  const runs = query.data?.pages.flatMap((p) => p.runs) ?? [];
  const filtered = RUN_FILTER_KEYS.some((k) => filters[k] && k !== "sort" && k !== "order");
  const setFilter = (next: RunFilterValues) => {
    const qs = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) qs.set(k, v);
      else qs.delete(k);
    }
    router.replace(`/runs?${qs}`);
  };

  return (
    <section>
      <h1>Runs</h1>
      <RunsFilters values={filters} onChange={setFilter} />
      {query.isPending && <p className="muted">Loading runs…</p>}
      {query.isError && (
        <p role="alert" className="error">
          Could not load runs: {query.error.message}. Check that Onset is running, then reload.
        </p>
      )}
      {query.isSuccess && runs.length === 0 && (filtered ? <p className="muted">No run matches these filters.</p> : <EmptyRuns />)}
      {runs.length > 0 && (
        <table className="runs" data-testid="runs-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Spans</th>
              <th>Tokens in/out</th>
              <th>Cost</th>
              <th>Diagnosis</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.traceId}>
                <td>
                  <Link href={`/runs/${r.traceId}`}>{r.name ?? r.traceId}</Link>
                  {r.serviceName && <div className="muted small">{r.serviceName}</div>}
                </td>
                <td>
                  <RunStatusBadge status={r.status} />
                </td>
                <td>{formatTime(r.startTime)}</td>
                <td>{formatDuration(r.durationMs)}</td>
                <td>
                  {r.spanCount}
                  {r.errorCount > 0 && <span className="error small"> ({r.errorCount} err)</span>}
                </td>
                <td>
                  {formatTokens(r.inputTokens)} / {formatTokens(r.outputTokens)}
                </td>
                <td>
                  {formatCost(r.costUsd)}
                  {r.unpricedSpans > 0 && <span className="muted small" title="spans of models without a price"> +{r.unpricedSpans} unpriced</span>}
                </td>
                <td>
                  {r.onsetSpanId && <span className="badge onset">onset found</span>}
                  {r.loopCount > 0 && <span className="badge loop">{r.loopCount} loop{r.loopCount > 1 ? "s" : ""}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.hasNextPage && (
        <LoadMoreButton loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()} />
      )}
    </section>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { RunListItem } from "@/contracts/runs";
import { apiGet } from "@/lib/api-client";
import { comparePair, diffHref, nearestSuccessful } from "@/lib/compare-selection";
import type { CandidatesResponse } from "@/contracts/run";
import { useProjectHref } from "../use-project-href";

/**
 * What can be done with the runs ticked in a runs table: compare two (the successful one
 * as the reference), or compare one with the nearest successful run of its task (the
 * picker when there is none).
 */
export function CompareBar({ selected, onClear }: { selected: RunListItem[]; onClear: () => void }) {
  const router = useRouter();
  const href = useProjectHref();
  const nearest = useMutation({
    mutationFn: async (run: RunListItem) => {
      const found = await apiGet<CandidatesResponse>(`/runs/${run.traceId}/candidates`, { status: "ok", limit: 200 });
      const partner = nearestSuccessful(run, found.candidates);
      return partner ? diffHref({ a: partner, b: run.traceId }) : diffHref({ a: run.traceId });
    },
    onSuccess: (to) => router.push(href(to)),
  });
  const [x, y] = selected;
  return (
    <div className="compare-bar" role="region" aria-label="Selected runs" data-testid="compare-bar">
      <span>
        {selected.length === 0 ? "Tick runs to compare them" : `${selected.length} run${selected.length > 1 ? "s" : ""} selected`}
      </span>
      {selected.length === 2 && x && y && (
        <button type="button" onClick={() => router.push(href(diffHref(comparePair(x, y))))}>
          Compare the two runs
        </button>
      )}
      {selected.length === 1 && x && (
        <>
          <button type="button" onClick={() => nearest.mutate(x)} disabled={nearest.isPending}>
            {nearest.isPending ? "Finding a successful run…" : "Compare with the nearest successful run of its task"}
          </button>
          <button type="button" className="secondary-button" onClick={() => router.push(href(diffHref({ a: x.traceId })))}>
            Compare with…
          </button>
        </>
      )}
      {selected.length > 2 && <span className="muted small">Pick two runs to compare them.</span>}
      {selected.length > 0 && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear selection
        </button>
      )}
      {nearest.isError && (
        <span role="alert" className="error small">
          Could not look for a successful run: {nearest.error.message}
        </span>
      )}
    </div>
  );
}

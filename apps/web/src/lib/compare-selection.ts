/**
 * Comparing from the runs list: which of two selected runs is side A (the reference)
 * and B, and which run is "the nearest successful run of the same task" for one.
 */
import type { CandidatesResponse } from "@/contracts/run";
import type { RunSummary } from "@/contracts/runs";

type Run = Pick<RunSummary, "traceId" | "status" | "startTime">;
type DiffCandidate = CandidatesResponse["candidates"][number];

/**
 * Sides of a comparison of two runs: a successful run is the reference (A) against a
 * failed or running one; otherwise the earlier run is A.
 */
export function comparePair(x: Run, y: Run): { a: string; b: string } {
  const good = (r: Run) => r.status === "ok";
  if (good(x) !== good(y)) return good(x) ? { a: x.traceId, b: y.traceId } : { a: y.traceId, b: x.traceId };
  return Date.parse(x.startTime) <= Date.parse(y.startTime) ? { a: x.traceId, b: y.traceId } : { a: y.traceId, b: x.traceId };
}

/**
 * The successful candidate closest in start time to `run`, runs of the same task before
 * runs that only share the root name; null when there is none.
 */
export function nearestSuccessful(run: Run, candidates: readonly Pick<DiffCandidate, "run" | "matchedBy">[]): string | null {
  const at = Date.parse(run.startTime);
  let best: { id: string; task: boolean; gap: number } | null = null;
  for (const c of candidates) {
    if (c.run.status !== "ok" || c.run.traceId === run.traceId) continue;
    const next = { id: c.run.traceId, task: c.matchedBy === "task", gap: Math.abs(Date.parse(c.run.startTime) - at) };
    if (!best || (next.task && !best.task) || (next.task === best.task && next.gap < best.gap)) best = next;
  }
  return best?.id ?? null;
}

/** The diff page's address for a selection of one or two runs (one: the picker). */
export function diffHref(sides: { a: string; b?: string | null }): string {
  return sides.b ? `/diff?a=${sides.a}&b=${sides.b}` : `/diff?a=${sides.a}`;
}

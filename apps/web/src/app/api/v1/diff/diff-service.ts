/**
 * The run diff service (docs/spec/run-diff.md): loads both runs of the caller's project and diffs
 * them with @onset/analysis (diffRuns for a pair, diffAgainstGroup for one run against
 * baseline runs of the same task with the noise floor), in its worker thread. A run the project does not have
 * is a 404, whichever side it is on.
 */
import { diffAgainstGroupOffThread, diffRunsOffThread } from "@onset/analysis/worker";
import { getRunSummaries, getRunSummary, listDiffCandidates, loadRunSpans, type Pool, type RunSummary } from "@onset/db";
import { ApiError, notFound } from "@/server/api-error";
import type { DiffRequest } from "@/lib/diff-query";
import { AUTO_BASELINES } from "@/lib/diff-query";
import { spanInfoFor } from "@/lib/diff-span-info";
import type { BaselineDiffResponse, DiffResponse, PairDiffResponse } from "@/lib/diff-types";

/** Answers a parsed diff request for `projectId`. */
export function diffForRequest(pool: Pool, projectId: string, req: DiffRequest): Promise<DiffResponse> {
  return req.mode === "pair" ? diffPair(pool, projectId, req.a, req.b) : diffAgainstBaselines(pool, projectId, req.a, req.baseline);
}

/** A (clean, reference) against B (perturbed, candidate). */
export async function diffPair(pool: Pool, projectId: string, a: string, b: string): Promise<PairDiffResponse> {
  const [runA, runB] = await Promise.all([getRunSummary(pool, projectId, a), getRunSummary(pool, projectId, b)]);
  if (!runA) throw notFound(`run ${a}`);
  if (!runB) throw notFound(`run ${b}`);
  const [spansA, spansB] = await Promise.all([loadRunSpans(pool, projectId, a), loadRunSpans(pool, projectId, b)]);
  // In a worker thread with a time budget (AnalysisTimeoutError -> 503), never on this event loop.
  const result = await diffRunsOffThread(spansA, spansB);
  return {
    ...result,
    mode: "pair",
    runA,
    runB,
    spans: { a: spanInfoFor(spansA, result.pairs, "a"), b: spanInfoFor(spansB, result.pairs, "b") },
  };
}

/** The baseline runs asked for, or the most recent successful runs of the same task for "auto". */
async function baselineRuns(pool: Pool, projectId: string, traceId: string, baseline: string[] | "auto"): Promise<RunSummary[]> {
  if (baseline === "auto") {
    const found = await listDiffCandidates(pool, projectId, traceId, { status: "ok", sameTaskOnly: true, limit: AUTO_BASELINES });
    if (!found) throw notFound(`run ${traceId}`);
    if (found.candidates.length === 0) {
      throw new ApiError(
        422,
        "no_baseline",
        "no successful run of the same task to compare with: send another run of this task, or pass baseline=<trace ids>",
      );
    }
    return found.candidates.map((c) => c.run);
  }
  if (baseline.length === 0) throw new ApiError(400, "invalid_request", "baseline names only the compared run itself");
  const runs = await getRunSummaries(pool, projectId, baseline);
  if (runs.length < baseline.length) {
    const have = new Set(runs.map((r) => r.traceId));
    throw notFound(`baseline run ${baseline.filter((id) => !have.has(id)).join(", ")}`);
  }
  return runs;
}

/** Run `traceId` (side B) against a group of baselines; side A is the closest one. */
export async function diffAgainstBaselines(
  pool: Pool,
  projectId: string,
  traceId: string,
  baseline: string[] | "auto",
): Promise<BaselineDiffResponse> {
  const run = await getRunSummary(pool, projectId, traceId);
  if (!run) throw notFound(`run ${traceId}`);
  const bases = await baselineRuns(pool, projectId, traceId, baseline);
  const [spans, ...baseSpans] = await Promise.all([traceId, ...bases.map((b) => b.traceId)].map((id) => loadRunSpans(pool, projectId, id)));
  const group = await diffAgainstGroupOffThread(spans!, baseSpans);
  const closest = bases[group.closestIndex]!;
  const result = group.closest;
  return {
    ...result,
    mode: "baseline",
    runA: closest,
    runB: run,
    spans: { a: spanInfoFor(baseSpans[group.closestIndex]!, result.pairs, "a"), b: spanInfoFor(spans!, result.pairs, "b") },
    baseline: {
      auto: baseline === "auto",
      runs: group.baselines.map((s) => {
        const r = bases[s.index]!;
        return { traceId: r.traceId, name: r.name, startTime: r.startTime, status: r.status, dNorm: s.dNorm };
      }),
      closestTraceId: closest.traceId,
      noiseFloor: group.noiseFloor,
      withinNoise: group.withinNoise,
      baselinePairs: group.baselinePairs.map((p) => ({ a: bases[p.a]!.traceId, b: bases[p.b]!.traceId, dNorm: p.dNorm })),
    },
  };
}

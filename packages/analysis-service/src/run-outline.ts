/**
 * A run's outline: what the run page draws before the analysis is there. The span tree
 * (the analyzer's own `buildTree`, so it is the tree the analysis has) built from a
 * content-free listing, the small per-span facts and the run's summary, in two light
 * queries: no span content is read, nothing is analyzed, so a 10,000-span run's tree is
 * served in a fraction of the time its analysis takes on first open.
 */
import { buildTree, type SpanTree } from "@onset/analysis";
import { getRunSummary, listRunOutline, type Pool, type RunSummary, type SpanFacts } from "@onset/db";
import { untimed, type PhaseTimer } from "./phase-timer";

/** A run's summary, its span tree and every span's facts. */
export interface RunOutline {
  run: RunSummary;
  tree: SpanTree;
  spans: SpanFacts[];
}

/** The outline of one run, or null when the project has no such run; `time` times its phases (`db`, `tree`). */
export async function getRunOutline(pool: Pool, projectId: string, traceId: string, opts: { time?: PhaseTimer } = {}): Promise<RunOutline | null> {
  const time = opts.time ?? untimed;
  const [run, listing] = await time("db", () => Promise.all([getRunSummary(pool, projectId, traceId), listRunOutline(pool, projectId, traceId)]));
  if (!run) return null;
  return { run, tree: await time("tree", () => buildTree(listing.spans)), spans: listing.facts };
}

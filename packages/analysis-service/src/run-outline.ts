/**
 * A run's outline: what the run page draws before the analysis is there. The span tree
 * (the analyzer's own `buildTree`, so it is the tree the analysis has) built from a
 * content-free listing, the small per-span facts and the run's summary (the summary and
 * the cache row read together, then the listing): no span content is read, nothing is
 * analyzed, so a 10,000-span run's tree is served in a fraction of the time its analysis takes on first open. When the run's
 * analysis is stored and current, the outline stored with it (outline-codec.ts, with the
 * analysis' step and stage grouping) is served instead, as JSON text: no listing, no
 * tree, no encoding, and the page draws its step and stage rows at once.
 */
import { buildTree, type SpanTree } from "@onset/analysis";
import { getRunSummary, listRunOutline, readCachedOutline, type Pool, type RunSummary, type SpanFacts } from "@onset/db";
import { storedAnalysisIsCurrent } from "./cache-current";
import { untimed, type PhaseTimer } from "./phase-timer";

/** A run's summary, its span tree and every span's facts. */
export interface RunOutline {
  run: RunSummary;
  tree: SpanTree;
  spans: SpanFacts[];
}

/** A run's summary and the outline stored with its current analysis, as JSON text (outline-codec.ts's EncodedOutline, with `groups`). */
export interface StoredRunOutline {
  run: RunSummary;
  outlineJson: string;
}

/**
 * The outline of one run, or null when the project has no such run: the one stored with
 * its analysis while that is current (same span count, content version and analyzer
 * version), else built now; `time` times its phases (`cache-read`; when built, `db`, `tree`).
 */
export async function getRunOutline(
  pool: Pool,
  projectId: string,
  traceId: string,
  opts: { time?: PhaseTimer } = {},
): Promise<RunOutline | StoredRunOutline | null> {
  const time = opts.time ?? untimed;
  const [run, cached] = await time("cache-read", () => Promise.all([getRunSummary(pool, projectId, traceId), readCachedOutline(pool, projectId, traceId)]));
  if (!run || !cached) return null;
  if (storedAnalysisIsCurrent(cached, cached.analysisVersion) && cached.outlineJson) return { run, outlineJson: cached.outlineJson };
  const listing = await time("db", () => listRunOutline(pool, projectId, traceId));
  return { run, tree: await time("tree", () => buildTree(listing.spans)), spans: listing.facts };
}

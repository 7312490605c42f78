/**
 * Per-run streaming loop detectors, bounded: at most `maxRuns` runs are tracked (least
 * recently fed evicted first), a run quiet for `quietMs` is dropped by `sweep()`, and a
 * run is dropped once its root span arrived. When spans arrive for a run whose state is
 * gone (evicted, dropped, or the process restarted) and the run already has stored
 * spans from earlier commits, its detector is rebuilt from the database — the commit's
 * new spans are stored by then, so one read gives the whole run in order.
 *
 * With several collectors (`onset start --role collector`, docs/scaling.md) the spans of
 * one run may land on different processes, so a detector here may have missed some. Each
 * detector counts the spans it was fed; when that count plus this commit's new spans is
 * not the run's stored span count (read back by this very commit), another process stored
 * spans in between and the detector is rebuilt from the database. The commit that stores
 * a run's last spans always sees every earlier commit (they lock the same summary row),
 * so the whole run is judged at least once, by whichever collector got its last spans.
 */
import { createLoopDetector, type LoopDetector, type LoopFinding } from "@onset/analysis";
import type { TouchedTrace } from "@onset/db";
import type { NormalizedSpan } from "@onset/otlp";

/** Options of {@link LoopTracker}. */
export interface LoopTrackerOptions {
  maxRuns: number;
  quietMs: number;
  /** Every stored span of a run (for rebuilding a detector). */
  loadSpans: (projectId: string, traceId: string) => Promise<NormalizedSpan[]>;
  now: () => number;
}

interface Tracked {
  detector: LoopDetector;
  lastMs: number;
  /** Spans fed to the detector so far. */
  fed: number;
}

/** LRU of per-run loop detectors. */
export class LoopTracker {
  private readonly runs = new Map<string, Tracked>();
  /** Detectors rebuilt from the database so far. */
  rebuilds = 0;

  constructor(private readonly opts: LoopTrackerOptions) {}

  /** Runs tracked now. */
  get size(): number {
    return this.runs.size;
  }

  /**
   * Feeds a commit's new spans of one run; returns the run's findings when this commit
   * opened or grew a loop, else [].
   */
  async push(projectId: string, trace: TouchedTrace, spans: readonly NormalizedSpan[]): Promise<LoopFinding[]> {
    const key = `${projectId}/${trace.trace_id}`;
    let entry = this.runs.get(key);
    let changed: number;
    if (entry && entry.fed + spans.length === trace.span_count) {
      this.runs.delete(key);
      const u = entry.detector.push(spans);
      entry.fed += spans.length;
      changed = u.opened.length + u.updated.length;
    } else {
      // Untracked, or another process stored spans of this run since the last commit here.
      if (entry) this.runs.delete(key);
      entry = { detector: createLoopDetector(), lastMs: 0, fed: 0 };
      const earlier = trace.span_count > spans.length;
      const feed = earlier ? await this.opts.loadSpans(projectId, trace.trace_id) : spans;
      if (earlier) this.rebuilds++;
      const u = entry.detector.push(feed);
      entry.fed = feed.length;
      changed = u.opened.length + u.updated.length;
    }
    entry.lastMs = this.opts.now();
    this.runs.set(key, entry);
    while (this.runs.size > this.opts.maxRuns) this.runs.delete(this.runs.keys().next().value!);
    return changed > 0 ? entry.detector.findings() : [];
  }

  /** Stops tracking a run. */
  forget(projectId: string, traceId: string): void {
    this.runs.delete(`${projectId}/${traceId}`);
  }

  /** Drops runs fed nothing for `quietMs`; returns how many. */
  sweep(): number {
    const cutoff = this.opts.now() - this.opts.quietMs;
    let n = 0;
    for (const [key, t] of this.runs) {
      if (t.lastMs < cutoff) {
        this.runs.delete(key);
        n++;
      }
    }
    return n;
  }
}

/**
 * Reads the collector's "export timing" (debug) and "runtime stats" log lines
 * (src/export-traces.ts, src/runtime-stats.ts) during a benchmark phase and summarizes
 * where an export's time went inside the collector, for the benchmark report.
 */
import { summarize, type LatencySummary } from "./latency-stats";

/** Stages of one export inside the collector, in the order they happen. */
const STAGES = ["readMs", "decodeMs", "queuedMs", "copyMs", "commitMs", "totalMs"] as const;

/** What {@link CollectorTiming.summary} reports. */
export interface TimingSummary {
  exports: number;
  stages: Record<(typeof STAGES)[number], LatencySummary>;
  /** Mean spans and exports per group commit, as each export saw its own. */
  meanBatchSpans: number;
  meanBatchWrites: number;
  /** Worst per-second p99 and the max of event-loop delay, ms. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** Largest heap used, heap reserved, off-heap (Buffers) and RSS the stats lines showed, MB. */
  peakHeapUsedMb: number;
  peakHeapTotalMb: number;
  peakExternalMb: number;
  peakRssMb: number;
}

/**
 * Collects the collector's timing lines logged between start() and stop() (by their
 * pino time: lines of the warm-up can still be in the pipe when the phase begins).
 */
export class CollectorTiming {
  private since = Infinity;
  private until = Infinity;
  private readonly exports: Record<string, number>[] = [];
  private readonly stats: { eventLoopDelayMs: Record<string, number>; memoryMb: Record<string, number> }[] = [];

  /** Feed for startCollectorProcess's onLine. */
  readonly onLine = (line: string): void => {
    if (!line.startsWith("{")) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const time = Number(o.time);
    if (!(time >= this.since && time <= this.until)) return;
    if (o.msg === "export timing") this.exports.push(o as Record<string, number>);
    else if (o.msg === "runtime stats") this.stats.push(o as unknown as (typeof this.stats)[number]);
  };

  /** Lines logged from now on count. */
  start(): void {
    this.since = Date.now();
  }

  /** Lines logged after now do not count; waits for those already logged to be read. */
  async stop(): Promise<void> {
    this.until = Date.now();
    await new Promise((r) => setTimeout(r, 1500)); // the next runtime-stats line is due within 1 s
  }

  /** Percentiles of each stage over the recorded exports. */
  summary(): TimingSummary {
    const col = (k: string) => this.exports.map((e) => e[k] ?? 0);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);
    const max = (xs: number[]) => xs.reduce((a, x) => Math.max(a, x), 0);
    return {
      exports: this.exports.length,
      stages: Object.fromEntries(STAGES.map((k) => [k, summarize(col(k))])) as TimingSummary["stages"],
      meanBatchSpans: mean(col("batchSpans")),
      meanBatchWrites: mean(col("batchWrites")),
      eventLoopDelayP99Ms: max(this.stats.map((s) => s.eventLoopDelayMs.p99 ?? 0)),
      eventLoopDelayMaxMs: max(this.stats.map((s) => s.eventLoopDelayMs.max ?? 0)),
      peakHeapUsedMb: max(this.stats.map((s) => s.memoryMb.heapUsed ?? 0)),
      peakHeapTotalMb: max(this.stats.map((s) => s.memoryMb.heapTotal ?? 0)),
      peakExternalMb: max(this.stats.map((s) => s.memoryMb.external ?? 0)),
      peakRssMb: max(this.stats.map((s) => s.memoryMb.rss ?? 0)),
    };
  }
}

/** The summary as report lines. */
export function timingLines(t: TimingSummary): string {
  const f = (n: number) => n.toFixed(n < 10 ? 1 : 0);
  const stage = (k: (typeof STAGES)[number]) => `${k.replace(/Ms$/, "")} ${f(t.stages[k].p50)}/${f(t.stages[k].p99)}`;
  return [
    `  inside the collector, p50/p99 ms of ${t.exports} exports: ${STAGES.map(stage).join(", ")}`,
    `  group commits: ${f(t.meanBatchSpans)} spans from ${t.meanBatchWrites.toFixed(1)} exports on average; event-loop delay p99 ${f(t.eventLoopDelayP99Ms)} ms (worst second), max ${f(t.eventLoopDelayMaxMs)} ms`,
    `  memory at its peaks (1 s samples): RSS ${t.peakRssMb} MB, V8 heap ${t.peakHeapUsedMb} MB used of ${t.peakHeapTotalMb} MB, off-heap ${t.peakExternalMb} MB`,
  ].join("\n");
}

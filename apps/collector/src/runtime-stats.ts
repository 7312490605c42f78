/**
 * A periodic "runtime stats" log line (ONSET_COLLECTOR_STATS_MS): event-loop delay over
 * the interval (perf_hooks.monitorEventLoopDelay: how long ready callbacks, such as a
 * finished COPY's answer or a new request, waited behind synchronous work like decoding)
 * and the process's memory. The ingest benchmark reads it (docs/benchmarks.md).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Logger } from "pino";

/** Sampling interval of the delay histogram; each sample includes it, so it is taken off. */
const RESOLUTION_MS = 10;
const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION_MS);
const mb = (b: number) => Math.round(b / 1024 / 1024);

/** Logs the stats every `intervalMs` (0: never); returns the function that stops it. */
export function startRuntimeStats(log: Logger, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => {};
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    log.info(
      {
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        memoryMb: { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) },
      },
      "runtime stats",
    );
    delay.reset();
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}

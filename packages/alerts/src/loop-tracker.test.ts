/**
 * The bounded per-run detector store: least recently fed runs are evicted past the
 * limit, quiet runs are swept, and a run whose state is gone is rebuilt from its stored
 * spans (here a fake store) so a loop spanning the eviction is still found.
 *
 *   run A  search#1 search#2 ─────────── search#3   → loop (3 repeats) despite eviction
 *   run B                    search#1                (evicts A: one run tracked at most)
 */
import { describe, expect, it } from "vitest";
import type { NormalizedSpan } from "@onset/otlp";
import { LoopTracker } from "./loop-tracker";
import { touchedTrace } from "./test-support/fixtures";
import { searchSpan } from "./test-support/tool-spans";

const A = "a".repeat(32);
const B = "b".repeat(32);
const t0 = Date.UTC(2026, 10, 20, 12);

describe("LoopTracker", () => {
  it("evicts the least recently fed run and rebuilds it from the store", async () => {
    const stored = new Map<string, NormalizedSpan[]>();
    let clock = 0;
    const loads: string[] = [];
    const tracker = new LoopTracker({
      maxRuns: 1,
      quietMs: 60_000,
      now: () => clock,
      loadSpans: async (_p, traceId) => {
        loads.push(traceId);
        return stored.get(traceId) ?? [];
      },
    });
    const feed = (traceId: string, spans: NormalizedSpan[]) => {
      const all = [...(stored.get(traceId) ?? []), ...spans];
      stored.set(traceId, all);
      return tracker.push("p", touchedTrace({ trace_id: traceId, span_count: all.length }), spans);
    };
    expect(await feed(A, [searchSpan(A, 1, t0), searchSpan(A, 2, t0)])).toEqual([]);
    expect(await feed(B, [searchSpan(B, 1, t0)])).toEqual([]);
    expect(tracker.size).toBe(1);
    const findings = await feed(A, [searchSpan(A, 3, t0)]);
    expect(loads).toEqual([A]);
    expect(tracker.rebuilds).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "repeated-call", count: 3, onsetSpanId: searchSpan(A, 2, t0).spanId });
    // Fed again while tracked: no reload.
    await feed(A, [searchSpan(A, 4, t0)]);
    expect(loads).toEqual([A]);

    clock = 61_000;
    expect(tracker.sweep()).toBe(1);
    expect(tracker.size).toBe(0);
  });

  it("does not read the store for a run first seen whole", async () => {
    const tracker = new LoopTracker({ maxRuns: 10, quietMs: 1, now: () => 0, loadSpans: async () => expect.fail("no reload expected") });
    const spans = [1, 2, 3].map((n) => searchSpan(A, n, t0));
    const findings = await tracker.push("p", touchedTrace({ trace_id: A, span_count: 3 }), spans);
    expect(findings.map((f) => f.count)).toEqual([3]);
  });

  it("finds a loop whose repeats were split across two collectors' trackers", async () => {
    // Two processes, one store: each commit's span_count is the stored total, so a
    // tracker that missed the other's spans rebuilds from the store instead of judging half.
    //   collector 1: search#1          search#3
    //   collector 2:          search#2          → loop (3 repeats) found by collector 1
    const stored: NormalizedSpan[] = [];
    const make = () =>
      new LoopTracker({ maxRuns: 10, quietMs: 60_000, now: () => 0, loadSpans: async () => [...stored] });
    const [one, two] = [make(), make()];
    const feed = (tracker: LoopTracker, n: number) => {
      const span = searchSpan(A, n, t0);
      stored.push(span);
      return tracker.push("p", touchedTrace({ trace_id: A, span_count: stored.length }), [span]);
    };
    expect(await feed(one, 1)).toEqual([]);
    expect(await feed(two, 2)).toEqual([]);
    const findings = await feed(one, 3);
    expect(one.rebuilds).toBe(1);
    expect(findings.map((f) => f.count)).toEqual([3]);
    // Fed in step again: no further reload.
    await feed(one, 4);
    expect(one.rebuilds).toBe(1);
  });
});

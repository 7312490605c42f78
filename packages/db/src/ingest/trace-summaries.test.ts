import { describe, expect, it } from "vitest";
import type { NormalizedSpan } from "@onset/otlp";
import { makeSpan } from "../test-support/make-span";
import { RunSummaries, summarizeNewSpans, type AggRow } from "./trace-summaries";

/** A small deterministic generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Spans of three runs in random order: roots and children, tasks on roots and not, errors, models, usage, costs, equal start times. */
function randomSpans(seed: number, n: number): NormalizedSpan[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const base = Date.UTC(2026, 10, 20, 12);
  return Array.from({ length: n }, (_, i) => {
    const isRoot = r() < 0.15;
    const start = base + Math.floor(r() * 20) * 1000;
    const tokens = r() < 0.5;
    return makeSpan({
      traceId: pick(["a", "b", "c"]).repeat(32),
      spanId: i.toString(16).padStart(16, "0"),
      parentSpanId: isRoot ? null : "f".repeat(16),
      name: `span ${i}`,
      startTimeMs: start,
      endTimeMs: start + Math.floor(r() * 5000),
      statusCode: pick(["ok", "error", "unset"] as const),
      type: pick(["llm", "tool", "agent"] as const),
      model: pick([null, "gpt-4o", "claude"]),
      usage: { input: tokens ? 10 : null, output: tokens ? 5 : null, cacheRead: null, cacheWrite: null, reasoning: null },
      costUsd: r() < 0.3 ? 0.01 : null,
      serviceName: pick([null, "svc-1", "svc-2"]),
      sessionId: pick([null, "s1", "s2"]),
      userId: pick([null, "u1"]),
      attributes: r() < 0.3 ? { "onset.task": `task ${i}` } : {},
    });
  });
}

describe("RunSummaries", () => {
  // A request's summaries are computed when its rows are built, and a flush merges those
  // of the requests it commits: that must give exactly the rows of summarizing the
  // flush's spans in one pass (the first root, the first task of a root, the earliest
  // span's name on ties, first non-null service/session/user all depend on order).
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("merging requests' summaries equals summarizing their spans together (seed %i)", (seed) => {
    const spans = randomSpans(seed, 60);
    const cuts = [0, 7, 8, 30, 45, 60];
    const merged = new RunSummaries();
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part = new RunSummaries();
      part.add("p", spans.slice(cuts[i], cuts[i + 1]));
      merged.merge(part);
    }
    // Costs are summed in another grouping, so they may differ in the last bits of a
    // double (as SQL's sum() over rows in any order may too).
    const rounded = (rows: AggRow[]) => rows.map((row) => ({ ...row, cost_usd: Number(row.cost_usd.toFixed(12)) }));
    expect(rounded(merged.rows())).toEqual(rounded(summarizeNewSpans([{ projectId: "p", spans }])));
  });

  it("keeps projects apart when they share a trace id", () => {
    const spans = randomSpans(9, 10);
    const a = new RunSummaries();
    a.add("p1", spans);
    const b = new RunSummaries();
    b.add("p2", spans);
    a.merge(b);
    expect(a.rows().map((r) => [r.project_id, r.span_count])).toEqual(
      summarizeNewSpans([{ projectId: "p1", spans }, { projectId: "p2", spans }]).map((r) => [r.project_id, r.span_count]),
    );
  });
});

/**
 * Per-run rules on one commit's run summary: cost, tokens and duration fire at their
 * threshold (inclusive) and point at the span that moved the measure last.
 *
 *   root   |=================================...   (not arrived: in flight)
 *   llm a    |===|            $0.40, 1000 tok
 *   tool b         |=|        (no cost)
 *   llm c              |====| $0.70, 3000 tok    <- newest costly span: fires run_cost
 *   tool d                    |=|                 <- newest span: fires run_duration
 */
import { makeSpan } from "@onset/db/test-support";
import { describe, expect, it } from "vitest";
import { firingSpanId, runRuleHits } from "./run-rules";
import { ruleRow, touchedTrace } from "./test-support/fixtures";

const T = "0af7651916cd43dd8448eb211c80319c";
const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const usage = (input: number, output: number) => ({ input, output, cacheRead: null, cacheWrite: null, reasoning: null });
const spans = [
  makeSpan({ traceId: T, spanId: "a".repeat(16), type: "llm", startTimeMs: t0 + 100, endTimeMs: t0 + 900, costUsd: 0.4, usage: usage(800, 200) }),
  makeSpan({ traceId: T, spanId: "b".repeat(16), type: "tool", startTimeMs: t0 + 1000, endTimeMs: t0 + 1200 }),
  makeSpan({ traceId: T, spanId: "c".repeat(16), type: "llm", startTimeMs: t0 + 1300, endTimeMs: t0 + 2500, costUsd: 0.7, usage: usage(2500, 500) }),
  makeSpan({ traceId: T, spanId: "d".repeat(16), type: "tool", startTimeMs: t0 + 2600, endTimeMs: t0 + 3000 }),
];
const trace = touchedTrace({ cost_usd: 1.1, input_tokens: 3300, output_tokens: 700, span_count: 4 });

describe("runRuleHits", () => {
  it.each([
    { why: "cost past the threshold", kind: "run_cost", threshold: 1, value: 1.1, spanId: "c".repeat(16), msg: /has cost \$1\.10, crossing the \$1\.00 threshold while still running/ },
    { why: "cost exactly at the threshold fires (inclusive)", kind: "run_cost", threshold: 1.1, value: 1.1, spanId: "c".repeat(16), msg: /\$1\.10/ },
    { why: "cost under the threshold", kind: "run_cost", threshold: 2, value: null },
    { why: "tokens (input + output)", kind: "run_tokens", threshold: 4000, value: 4000, spanId: "c".repeat(16), msg: /4,000 tokens/ },
    { why: "duration from the summary's time range", kind: "run_duration", threshold: 10, value: 10, spanId: "d".repeat(16), msg: /has run for 10 s/ },
    { why: "window kinds are not run rules", kind: "window_cost", threshold: 0, value: null },
  ])("$why", ({ kind, threshold, value, spanId, msg }) => {
    const hits = runRuleHits([ruleRow({ kind, threshold })], trace, spans);
    if (value === null) return expect(hits).toEqual([]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ value, spanId });
    expect(hits[0]!.message).toMatch(msg!);
  });

  it("says nothing about running once the root arrived", () => {
    const [hit] = runRuleHits([ruleRow({ kind: "run_cost", threshold: 1 })], { ...trace, root_span_id: "r".repeat(16), status: "ok" }, spans);
    expect(hit!.message).not.toMatch(/still running/);
  });

  it("falls back to the newest span, then the root, when nothing in the commit moved the measure", () => {
    expect(firingSpanId("run_cost", trace, [spans[1]!, spans[3]!])).toBe("d".repeat(16));
    expect(firingSpanId("run_cost", { ...trace, root_span_id: "f".repeat(16) }, [])).toBe("f".repeat(16));
  });
});

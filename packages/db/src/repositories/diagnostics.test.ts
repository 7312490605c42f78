/**
 * The diagnostics sample: spans of the most recent runs only, newest first, bounded in
 * runs and spans, read back as normalized spans (attributes and scope intact, so the
 * mapper registry can be re-run over them), never another project's.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { loadDiagnosticsSample } from "./diagnostics";
import { ensureProject } from "./projects";

const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);

/** A run of `n` spans from one instrumentation scope, starting at `minute`. */
function run(traceId: string, minute: number, n: number, scopeName: string): NormalizedSpan[] {
  return Array.from({ length: n }, (_, i) =>
    makeSpan({
      traceId,
      spanId: `${traceId.slice(0, 14)}${i.toString(16).padStart(2, "0")}`,
      parentSpanId: i === 0 ? null : `${traceId.slice(0, 14)}00`,
      name: i === 0 ? "root" : `step ${i}`,
      startTimeMs: t0 + minute * 60_000 + i * 1000,
      endTimeMs: t0 + minute * 60_000 + i * 1000 + 500,
      scopeName,
      scopeVersion: "1.0",
      mapper: "otel-genai",
      attributes: { "gen_ai.operation.name": "chat", "custom.key": i },
    }),
  );
}

describe("loadDiagnosticsSample", () => {
  const fx = useIngestFixture();

  //  minute 0   old  |s0 s1 s2|            scope "old-lib"
  //  minute 10  mid  |s0 s1 s2|            scope "agent-lib"
  //  minute 20  new  |s0 s1 s2 s3|         scope "agent-lib"
  //  project B, minute 30: one run         (must never appear)
  const old = "0a".repeat(16);
  const mid = "1b".repeat(16);
  const recent = "2c".repeat(16);

  beforeAll(async () => {
    await fx.ingest.write(fx.projectA, [...run(old, 0, 3, "old-lib"), ...run(mid, 10, 3, "agent-lib"), ...run(recent, 20, 4, "agent-lib")]);
    await fx.ingest.write(fx.projectB, run("3d".repeat(16), 30, 2, "b-lib"));
  });

  it("reads every span of the project's runs when within bounds, newest first", async () => {
    const s = await loadDiagnosticsSample(fx.pool, fx.projectA);
    expect(s.spans).toHaveLength(10);
    expect(s.runs).toBe(3);
    expect(s.truncated).toBe(false);
    expect(s.spans[0]!.traceId).toBe(recent);
    expect(s.spans.at(-1)!.traceId).toBe(old);
    expect(s.from).toBe(new Date(t0).toISOString());
    expect(s.to).toBe(new Date(t0 + 20 * 60_000).toISOString());
    const first = s.spans.find((x) => x.traceId === recent && x.parentSpanId === null)!;
    expect(first).toMatchObject({ scopeName: "agent-lib", scopeVersion: "1.0", mapper: "otel-genai", attributes: { "gen_ai.operation.name": "chat", "custom.key": 0 } });
  });

  it.each([
    { why: "the run bound keeps the most recent runs whole", q: { maxRuns: 2 }, spans: 7, runs: 2, truncated: false },
    { why: "the span bound cuts inside a run and says so", q: { maxSpans: 5 }, spans: 5, runs: 2, truncated: true },
  ])("bounds the sample: $why", async ({ q, spans, runs, truncated }) => {
    const s = await loadDiagnosticsSample(fx.pool, fx.projectA, q);
    expect(s.spans).toHaveLength(spans);
    expect(s.runs).toBe(runs);
    expect(s.truncated).toBe(truncated);
    expect(s.spans.some((x) => x.traceId === old)).toBe(false);
  });

  it("is empty for a project without runs, and never mixes projects", async () => {
    const empty = (await ensureProject(fx.prisma, "empty", "Empty")).project.id;
    expect(await loadDiagnosticsSample(fx.pool, empty)).toEqual({ spans: [], runs: 0, from: null, to: null, truncated: false });
    const b = await loadDiagnosticsSample(fx.pool, fx.projectB);
    expect(b.spans.map((x) => x.scopeName)).toEqual(["b-lib", "b-lib"]);
  });
});

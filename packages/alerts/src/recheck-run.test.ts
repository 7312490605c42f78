/**
 * Re-checking a stored run's per-run rules (what the worker does for every quiet run):
 * spans committed with no rule check after them — as when the collector that committed
 * them was SIGKILLed before evaluating — still fire the run's cost and loop rules, once,
 * however many times the re-check runs; a run under every threshold fires nothing.
 */
import { ensureProject, listAlertEvents, SpanIngest } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import { describe, expect, it } from "vitest";
import { createAlertEngine } from "./alert-engine";
import { createRule } from "./rule-service";
import { RuleInputSchema } from "./rule-schema";
import { useAlertsDatabase } from "./test-support/alerts-database";
import { memoryLog } from "./test-support/silent-log";
import { searchSpan } from "./test-support/tool-spans";

describe("recheckRun", () => {
  const fx = useAlertsDatabase(4);


  it("fires the rules a run's lost check would have fired, once", async () => {
    const project = (await ensureProject(fx.prisma, "recheck", "recheck")).project.id;
    const rule = (kind: string, threshold: number) =>
      createRule(fx.pool, project, RuleInputSchema.parse({ name: kind, kind, threshold, webhookUrl: "http://127.0.0.1:9/hook" }), { allowPrivateWebhooks: true });
    const cost = (await rule("run_cost", 0.5)).rule;
    const loop = (await rule("loop", 3)).rule;

    // Stored with no engine listening: the collector died before its check.
    const ingest = new SpanIngest(fx.pool, {});
    await ingest.start();
    const costly = "a".repeat(32);
    const looping = "b".repeat(32);
    const cheap = "c".repeat(32);
    const t0 = Date.now() - 60_000;
    await ingest.write(project, [
      makeSpan({ traceId: costly, spanId: "a".repeat(16), type: "llm", costUsd: 0.2, costSource: "reported", startTimeMs: t0, endTimeMs: t0 + 500 }),
      makeSpan({ traceId: costly, spanId: "a".repeat(15) + "b", type: "llm", costUsd: 0.4, costSource: "reported", startTimeMs: t0 + 600, endTimeMs: t0 + 900 }),
      searchSpan(looping, 1, t0),
      searchSpan(looping, 2, t0),
      searchSpan(looping, 3, t0),
      makeSpan({ traceId: cheap, spanId: "c".repeat(16), type: "llm", costUsd: 0.01, costSource: "reported", startTimeMs: t0, endTimeMs: t0 + 500 }),
    ]);
    await ingest.close();

    const engine = createAlertEngine({ pool: fx.pool, log: memoryLog(), publicWebUrl: "http://onset.test", allowPrivateWebhooks: true });
    try {
      expect(await engine.recheckRun(project, costly)).toBe(1);
      expect(await engine.recheckRun(project, looping)).toBe(1);
      expect(await engine.recheckRun(project, cheap)).toBe(0);
      expect(await engine.recheckRun(project, "d".repeat(32))).toBe(0);
      // Again (a retried job, or a second worker): nothing new.
      expect(await engine.recheckRun(project, costly)).toBe(0);
      expect(await engine.recheckRun(project, looping)).toBe(0);
    } finally {
      await engine.stop();
    }

    const costEvents = (await listAlertEvents(fx.pool, project, { ruleId: cost.id })).events;
    // The event points at the span that moved the cost last, as the live check would.
    expect(costEvents.map((e) => [e.traceId, e.spanId, e.value])).toEqual([[costly, "a".repeat(15) + "b", 0.6000000000000001]]);
    // The loop event points at its onset, the first repeat (the second call).
    const loopEvents = (await listAlertEvents(fx.pool, project, { ruleId: loop.id })).events;
    expect(loopEvents.map((e) => [e.traceId, e.spanId, e.value])).toEqual([[looping, searchSpan(looping, 2, t0).spanId, 3]]);
  });
});

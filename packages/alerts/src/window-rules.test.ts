/**
 * Window rule decisions from aggregate groups and firing events: fire what crossed,
 * re-notify what is still over once the interval passed, resolve what fell back (or
 * has no runs left in the window), and judge error rates only on enough finished runs.
 */
import type { AlertEventRow, AlertWindowGroup } from "@onset/db";
import { describe, expect, it } from "vitest";
import { ruleRow } from "./test-support/fixtures";
import { decideWindow, windowDedupeKey } from "./window-rules";

const now = Date.parse("2026-11-20T12:20:00Z");

function group(key: string, over: Partial<AlertWindowGroup> = {}): AlertWindowGroup {
  return { key, costUsd: 0, runs: 1, finishedRuns: 1, errorRuns: 0, dayCostUsd: 0, topRun: null, lastErrorRun: null, ...over };
}

function firing(dedupeKey: string, notifiedAt: string | null = "2026-11-20T12:00:00.000Z"): AlertEventRow {
  const key = dedupeKey.includes(":") ? dedupeKey.slice(dedupeKey.indexOf(":") + 1) : "";
  return {
    id: `ev-${dedupeKey}`, projectId: "p1", ruleId: "r", dedupeKey, traceId: null, spanId: null, value: 20, threshold: 10,
    status: "firing", message: "m", payload: { subject: { key } }, firedAt: "2026-11-20T12:00:00.000Z", notifiedAt, resolvedAt: null,
  };
}

const costRule = ruleRow({ kind: "window_cost", threshold: 10, windowSec: 3600, scope: "user", renotifySec: 900, config: { dailyBudgetUsd: 50 } });

describe("decideWindow", () => {
  it("fires each group over the threshold, with the forecast and the costliest run", () => {
    const top = { traceId: "t".repeat(32), rootSpanId: "r".repeat(16), name: "run", costUsd: 4 };
    const d = decideWindow(costRule, [group("alice", { costUsd: 12, dayCostUsd: 38, runs: 3, topRun: top }), group("bob", { costUsd: 3 })], [], now);
    expect(d.fire.map((f) => f.dedupeKey)).toEqual(["user:alice"]);
    const f = d.fire[0]!.facts;
    expect(f.message).toBe(
      'Cost of user "alice" over the last 1 h is $12.00 (3 runs), crossing the $10.00 threshold. At this rate the daily budget of $50.00 is spent at 13:20 UTC ($38.00 spent today).',
    );
    expect(f).toMatchObject({ value: 12, subject: { scope: "user", key: "alice" }, run: { traceId: top.traceId, inFlight: false }, spanId: top.rootSpanId });
    expect(f.details).toMatchObject({ forecast: { exhaustsAt: "2026-11-20T13:20:00.000Z" } });
  });

  it.each([
    { why: "interval passed: re-notify", notifiedAt: "2026-11-20T12:05:00.000Z", renotify: 1 },
    { why: "interval not passed yet", notifiedAt: "2026-11-20T12:10:00.000Z", renotify: 0 },
  ])("still over: $why", ({ notifiedAt, renotify }) => {
    const d = decideWindow(costRule, [group("alice", { costUsd: 15 })], [firing("user:alice", notifiedAt)], now);
    expect(d.fire).toEqual([]);
    expect(d.renotify).toHaveLength(renotify);
    expect(d.resolve).toEqual([]);
  });

  it("never re-notifies without an interval", () => {
    const d = decideWindow({ ...costRule, renotifySec: null }, [group("alice", { costUsd: 15 })], [firing("user:alice", "2026-11-19T00:00:00.000Z")], now);
    expect(d.renotify).toEqual([]);
  });

  it("resolves what fell back under, and what has no runs left in the window", () => {
    const d = decideWindow(costRule, [group("alice", { costUsd: 4 })], [firing("user:alice"), firing("user:carol")], now);
    expect(d.resolve.map((r) => [r.event.dedupeKey, r.facts.value])).toEqual([
      ["user:alice", 4],
      ["user:carol", 0],
    ]);
    expect(d.resolve[0]!.facts.message).toBe('Resolved: cost of user "alice" over the last 1 h is $4.00, back under $10.00.');
  });

  it.each([
    { why: "enough finished runs over the rate", g: { finishedRuns: 10, errorRuns: 4 }, fires: true },
    { why: "rate over but too few finished runs to judge", g: { finishedRuns: 3, errorRuns: 3 }, fires: false },
    { why: "rate under", g: { finishedRuns: 10, errorRuns: 1 }, fires: false },
  ])("error rate: $why", ({ g, fires }) => {
    const rule = ruleRow({ kind: "error_rate", threshold: 0.2, windowSec: 900, config: { minRuns: 5 } });
    const d = decideWindow(rule, [group("", { ...g, runs: g.finishedRuns + 2 })], [], now);
    expect(d.fire.length).toBe(fires ? 1 : 0);
    if (fires) {
      expect(d.fire[0]!.dedupeKey).toBe("project");
      expect(d.fire[0]!.facts.message).toBe("Error rate of the project over the last 15 min is 40% (4 of 10 finished runs failed), crossing the 20% threshold.");
    }
  });

  it("keys events by scope", () => {
    expect([windowDedupeKey("project", ""), windowDedupeKey("user", "u1"), windowDedupeKey("session", "s:1")]).toEqual(["project", "user:u1", "session:s:1"]);
  });
});

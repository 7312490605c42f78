/** The outcome line of the run page: one case per source, and the clock words. */
import type { RunOutcome } from "@onset/analysis";
import type { RunVerdict } from "@onset/db";
import { describe, expect, it } from "vitest";
import { outcomeSentence, timeAgo, verdictGiver } from "./run-verdict-text";

const now = Date.UTC(2026, 11, 3, 20, 0, 0);
const ago = (ms: number) => new Date(now - ms).toISOString();
const byAdmin: RunVerdict = { outcome: "failed", note: null, givenBy: { kind: "user", id: "u1", name: "admin@onset.local" }, givenAt: ago(120_000) };
const failed = (source: RunOutcome["source"], reason: string): RunOutcome => ({ status: "failed", source, reason });

describe("outcomeSentence", () => {
  it.each([
    // A verdict names its giver and when, whatever reason the analyzer was handed.
    ["user", failed("option", "given by the caller"), byAdmin, "marked failed by admin@onset.local 2 min ago"],
    ["instrumentation", failed("status", 'root span "agent" ended with status error'), null, 'failed — from the instrumentation (root span "agent" ended with status error)'],
    ["importer", failed("attribute", "onset.run.outcome=failed"), null, "failed — from the importer (onset.run.outcome=failed)"],
    ["inferred", failed("inferred", "check pytest still failing at the end"), null, "failed — inferred from: check pytest still failing at the end"],
  ] as const)("names the source %s", (source, outcome, verdict, want) => {
    expect(outcomeSentence(outcome, source, verdict, now)).toBe(want);
  });

  it("says what unknown means when nothing decided the outcome", () => {
    expect(outcomeSentence({ status: "unknown", source: "none", reason: "x" }, null, null, now)).toMatch(/^unknown — no verdict/);
  });

  it("clips a long reason (span text can be anything) to one line", () => {
    const s = outcomeSentence(failed("inferred", "e".repeat(5000)), "inferred", null, now);
    expect(s.length).toBeLessThan(340);
    expect(s.endsWith("…")).toBe(true);
  });
});

describe("verdictGiver", () => {
  it("names an API key by its name, a user by their email", () => {
    expect(verdictGiver({ ...byAdmin, givenBy: { kind: "api_key", id: "k1", name: "ci-grader" } })).toBe("API key “ci-grader”");
    expect(verdictGiver(byAdmin)).toBe("admin@onset.local");
  });
});

describe("timeAgo", () => {
  it.each([
    [10_000, "just now"],
    [-60_000, "just now"], // a clock a little ahead of ours is not "in the future"
    [90_000, "2 min ago"],
    [3 * 3600_000, "3 h ago"],
    [26 * 3600_000, "1 day ago"],
    [5 * 86400_000, "5 days ago"],
  ])("%d ms → %s", (ms, want) => {
    expect(timeAgo(ago(ms), now)).toBe(want);
  });

  it("does not invent a time for a bad timestamp", () => {
    expect(timeAgo("not a date", now)).toBe("at an unknown time");
  });
});

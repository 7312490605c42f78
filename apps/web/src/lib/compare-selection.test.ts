import { describe, expect, it } from "vitest";
import { comparePair, diffHref, nearestSuccessful } from "./compare-selection";

const run = (traceId: string, status: string, minute: number) => ({ traceId, status, startTime: new Date(Date.UTC(2026, 10, 20, 12, minute)).toISOString() });

describe("comparePair", () => {
  it.each([
    { why: "the successful run is the reference, whichever was picked first", x: run("f", "error", 0), y: run("s", "ok", 5), want: { a: "s", b: "f" } },
    { why: "two failures: the earlier one is A", x: run("late", "error", 9), y: run("early", "error", 1), want: { a: "early", b: "late" } },
    { why: "two successes: the earlier one is A", x: run("one", "ok", 1), y: run("two", "ok", 2), want: { a: "one", b: "two" } },
    { why: "a running run is not a reference", x: run("r", "unset", 0), y: run("s", "ok", 3), want: { a: "s", b: "r" } },
  ])("$why", ({ x, y, want }) => expect(comparePair(x, y)).toEqual(want));
});

describe("nearestSuccessful", () => {
  const me = run("me", "error", 10);
  it.each([
    {
      why: "the closest successful run in time, before or after",
      candidates: [
        { run: run("far", "ok", 0), matchedBy: "task" as const },
        { run: run("near", "ok", 12), matchedBy: "task" as const },
      ],
      want: "near",
    },
    {
      why: "failed runs are never the reference",
      candidates: [
        { run: run("bad", "error", 10), matchedBy: "task" as const },
        { run: run("good", "ok", 30), matchedBy: "task" as const },
      ],
      want: "good",
    },
    {
      why: "the same task beats a closer run that only shares the root name",
      candidates: [
        { run: run("name", "ok", 11), matchedBy: "name" as const },
        { run: run("task", "ok", 40), matchedBy: "task" as const },
      ],
      want: "task",
    },
    { why: "no successful run: none", candidates: [{ run: run("bad", "error", 11), matchedBy: "task" as const }], want: null },
  ])("$why", ({ candidates, want }) =>
    expect(nearestSuccessful(me, candidates.map((c) => ({ ...c, run: c.run as never })))).toBe(want),
  );
});

describe("diffHref", () => {
  it("a pair opens the comparison", () => expect(diffHref({ a: "x", b: "y" })).toBe("/diff?a=x&b=y"));
  it("one run opens the picker", () => expect(diffHref({ a: "x" })).toBe("/diff?a=x"));
});

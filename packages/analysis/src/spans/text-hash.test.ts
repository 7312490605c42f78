import { describe, expect, it } from "vitest";
import { numbersIn } from "../onset/signal-grounding";
import { clip, outputFingerprint } from "./text-hash";

describe("outputFingerprint", () => {
  // Each row: two outputs, whether they count as the same, why.
  const CASES: [string, string, boolean, string][] = [
    ["1 failed in 0.53s", "1 failed in 0.61s", true, "durations are volatile"],
    ["at 2025-01-01T10:00:00Z ok", "at 2025-03-09T11:12:13.5Z ok", true, "timestamps are volatile"],
    ["obj at 0x7f3a2b", "obj at 0x7f99ff", true, "addresses are volatile"],
    ["a  b\n\nc ", "a b c", true, "whitespace runs collapse"],
    ["1 failed", "2 failed", false, "counts are content"],
  ];
  it.each(CASES)("%j vs %j -> %s (%s)", (a, b, same) => {
    expect(outputFingerprint(a) === outputFingerprint(b)).toBe(same);
  });
});

describe("numbersIn", () => {
  it("reads plain, grouped and decimal numbers, not parts of words, versions or ids", () => {
    expect(numbersIn("pop 2,134,000 in 2023, v3.11.2, 4.5%, abc123, x=12.5. id 1.2.3 end 42").map((n) => n.value)).toEqual([2134000, 2023, 4.5, 12.5, 42]);
  });

  it("skips list items' numbers, time windows the agent chose and index names", () => {
    const text = "Plan:\n1. Find the data\n  2) Plot it\nNews from the past 30 days (since 14 days ago): the S&P 500 fell 12% over 3 weeks to 4,120.";
    expect(numbersIn(text).map((n) => n.value)).toEqual([12, 4120]);
  });

  it("skips ratings, fractions and slashed dates, which state no quantity", () => {
    expect(numbersIn("bugs: 10/10; type 3/5, on 12/25/2024 in /data/123 we sold 4,500").map((n) => n.value)).toEqual([4500]);
  });
});

describe("clip", () => {
  it("keeps one line and marks the cut", () => {
    expect(clip("a\nb   c", 10)).toBe("a b c");
    expect(clip("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

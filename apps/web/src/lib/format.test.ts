import { describe, expect, it } from "vitest";
import { formatCost, formatDuration, formatTime } from "./format";

describe("formatDuration", () => {
  it.each([
    { why: "under a second in ms", ms: 420, want: "420 ms" },
    { why: "seconds with one decimal", ms: 12_345, want: "12.3 s" },
    { why: "59.96 s would read 60.0 s: it is a minute", ms: 59_960, want: "1 min 0 s" },
    { why: "4 min 59.6 s rounds up to 5 min, never '4 min 60 s'", ms: 299_600, want: "5 min 0 s" },
    { why: "minutes and seconds", ms: 245_000, want: "4 min 5 s" },
    { why: "hours and minutes", ms: 7_380_000, want: "2 h 3 min" },
    { why: "nothing known", ms: null, want: "—" },
  ])("$why", ({ ms, want }) => expect(formatDuration(ms)).toBe(want));
});

describe("formatCost", () => {
  it.each([
    { why: "cents", usd: 4.2, want: "$4.20" },
    { why: "sub-cent calls keep four decimals", usd: 0.0031, want: "$0.0031" },
    { why: "tiny amounts in plain decimals, never scientific notation", usd: 6e-7, want: "$0.00000060" },
    { why: "negative amounts with a real minus sign", usd: -6e-7, want: "−$0.00000060" },
    { why: "zero", usd: 0, want: "$0" },
  ])("$why", ({ usd, want }) => expect(formatCost(usd)).toBe(want));
});

describe("formatTime", () => {
  const now = new Date(2026, 11, 4, 12, 0, 0);
  it("leaves the year out for a time of the current year", () => {
    expect(formatTime(new Date(2026, 0, 1, 0, 0, 0).toISOString(), now)).not.toMatch(/2026/);
  });
  it("names the year of a time from another year", () => {
    expect(formatTime(new Date(2025, 0, 1, 0, 0, 0).toISOString(), now)).toMatch(/2025/);
  });
});

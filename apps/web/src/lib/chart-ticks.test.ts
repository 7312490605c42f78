import { describe, expect, it } from "vitest";
import { costAxis, niceTicks, tickDecimals } from "./chart-ticks";

describe("niceTicks", () => {
  it.each([
    { why: "cents: even steps, never 0.01, 0.03, 0.04", max: 0.042, want: [0, 0.02, 0.04, 0.06] },
    { why: "steps of 2.5 when they fit better", max: 0.1, want: [0, 0.025, 0.05, 0.075, 0.1] },
    { why: "whole dollars", max: 4.2, want: [0, 2, 4, 6] },
    { why: "tiny amounts", max: 0.0000033, want: [0, 0.000001, 0.000002, 0.000003, 0.000004] },
    { why: "nothing to show", max: 0, want: [0] },
  ])("$why", ({ max, want }) => expect(niceTicks(max)).toEqual(want));

  it("always reaches the largest value", () => {
    for (const max of [0.013, 0.99, 1, 7.7, 123, 0.00042]) expect(niceTicks(max).at(-1)!).toBeGreaterThanOrEqual(max);
  });
});

describe("cost axis labels", () => {
  it.each([
    { why: "cents with two decimals", max: 0.042, want: ["$0", "$0.02", "$0.04", "$0.06"] },
    { why: "a 2.5 step keeps its third decimal on every tick", max: 0.1, want: ["$0", "$0.025", "$0.050", "$0.075", "$0.100"] },
    { why: "tiny amounts in plain decimals", max: 0.0000033, want: ["$0", "$0.000001", "$0.000002", "$0.000003", "$0.000004"] },
  ])("$why", ({ max, want }) => {
    const axis = costAxis(max);
    expect(axis.ticks.map(axis.label)).toEqual(want);
  });

  it("counts the decimals of small steps", () => expect(tickDecimals([0, 0.000001])).toBe(6));
});

import { describe, expect, it } from "vitest";
import { barGeometry, formatOffset, isFullScale, timeScale, timeTicks, zoomScale } from "./run-waterfall";

describe("barGeometry", () => {
  const scale = timeScale(1000, 2000); // a 1 s run
  it.each([
    { why: "a span in the middle maps linearly", s: 1250, e: 1500, want: { leftPct: 25, widthPct: 25 } },
    { why: "the whole run fills the axis", s: 1000, e: 2000, want: { leftPct: 0, widthPct: 100 } },
    { why: "an instant span keeps a visible minimum width", s: 1500, e: 1500, want: { leftPct: 50, widthPct: 0.4 } },
    { why: "an instant span at the very end stays inside the axis", s: 2000, e: 2000, want: { leftPct: 99.6, widthPct: 0.4 } },
    { why: "clock skew before the run start is clamped", s: 900, e: 1100, want: { leftPct: 0, widthPct: 10 } },
    { why: "an end before the start (bad clocks) draws as an instant", s: 1500, e: 1400, want: { leftPct: 50, widthPct: 0.4 } },
  ])("$why", ({ s, e, want }) => {
    const g = barGeometry(scale, s, e);
    expect(g.leftPct).toBeCloseTo(want.leftPct, 9);
    expect(g.widthPct).toBeCloseTo(want.widthPct, 9);
  });

  it("draws a zero-length run without dividing by zero", () => {
    expect(barGeometry(timeScale(5, 5), 5, 5)).toMatchObject({ leftPct: 0, widthPct: 0.4, outside: false });
  });

  it("says when a span lies outside a zoomed axis, and puts a bar's label before it near the right edge", () => {
    const zoomed = timeScale(1200, 1400);
    expect(barGeometry(zoomed, 1000, 1100).outside).toBe(true);
    expect(barGeometry(zoomed, 1500, 1600).outside).toBe(true);
    expect(barGeometry(zoomed, 1100, 1300)).toMatchObject({ leftPct: 0, widthPct: 50, outside: false, labelSide: "right" });
    expect(barGeometry(zoomed, 1300, 1900)).toMatchObject({ leftPct: 50, widthPct: 50, labelSide: "left" });
  });
});

describe("zoomScale", () => {
  const full = timeScale(0, 1000);
  it("zooms in around a point, out again up to the whole run, and never past the run's ends", () => {
    const in2 = zoomScale(full, full, 2, 500);
    expect([in2.startMs, in2.endMs]).toEqual([250, 750]);
    const atEdge = zoomScale(full, full, 4, 990);
    expect([atEdge.startMs, atEdge.endMs]).toEqual([750, 1000]);
    const back = zoomScale(full, zoomScale(full, in2, 0.5), 0.1);
    expect([back.startMs, back.endMs]).toEqual([0, 1000]);
    expect(isFullScale(full, back)).toBe(true);
    expect(isFullScale(full, in2)).toBe(false);
  });

  it("labels ticks of a zoomed axis as offsets from the run start", () => {
    expect(timeTicks(timeScale(250, 750), 5, 0).map((t) => t.label)).toEqual(["300 ms", "400 ms", "500 ms", "600 ms", "700 ms"]);
  });
});

describe("timeTicks", () => {
  it.each([
    { why: "a 1 s run ticks every 200 ms", start: 0, end: 1000, labels: ["0 ms", "200 ms", "400 ms", "600 ms", "800 ms", "1000 ms"] },
    { why: "a 13 s run ticks every 5 s", start: 0, end: 13_000, labels: ["0 s", "5 s", "10 s"] },
    { why: "a 4 min run ticks every minute", start: 0, end: 240_000, labels: ["0 min", "1 min", "2 min", "3 min", "4 min"] },
  ])("$why", ({ start, end, labels }) => {
    expect(timeTicks(timeScale(start, end), 5).map((t) => t.label)).toEqual(labels);
  });

  it("places ticks in percent of the axis", () => {
    expect(timeTicks(timeScale(0, 1000), 5).map((t) => t.pct)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});

describe("formatOffset", () => {
  it.each([
    { ms: 0.25, step: 0.1, want: "0.25 ms" },
    { ms: 1500, step: 500, want: "1500 ms" },
    { ms: 2500, step: 2000, want: "2.5 s" },
    { ms: 90_000, step: 60_000, want: "1 min 30 s" },
  ])("$ms ms at step $step -> $want", ({ ms, step, want }) => expect(formatOffset(ms, step)).toBe(want));
});

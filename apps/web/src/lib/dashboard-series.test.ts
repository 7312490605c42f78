/** Dashboard chart points: runs split ok/failed, error rate in percent with gaps kept as gaps. */
import { describe, expect, it } from "vitest";
import { chartPoints, hasData, type SeriesPoint } from "./dashboard-series";

const point = (time: string, runs: number, errorRuns: number, costUsd = 0, tokens = 0): SeriesPoint => ({
  time,
  runs,
  errorRuns,
  errorRate: runs > 0 ? errorRuns / runs : null,
  costUsd,
  inputTokens: tokens,
  outputTokens: tokens / 2,
  unpricedSpans: 0,
});

describe("chartPoints", () => {
  it("splits runs, converts the error rate to percent and sums tokens", () => {
    const [p] = chartPoints([point("2026-11-20T12:00:00.000Z", 3, 1, 0.5, 1000)], "1h", 86_400_000);
    expect(p).toMatchObject({ okRuns: 2, errorRuns: 1, errorRatePct: 33.3, costUsd: 0.5, tokens: 1500 });
    expect(p!.label).not.toBe("");
  });

  it("titles a bucket in local time, not as the API's ISO UTC string", () => {
    const iso = "2026-11-20T12:00:00.000Z";
    const local = new Date(iso);
    const [hourly] = chartPoints([point(iso, 1, 0)], "1h", 86_400_000);
    expect(hourly!.title).not.toContain("T12:00:00");
    expect(hourly!.title).toContain(local.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }));
    expect(hourly!.title).toContain(String(local.getDate()));
    const [daily] = chartPoints([point(iso, 1, 0)], "1d", 7 * 86_400_000);
    expect(daily!.title).toContain(String(local.getFullYear()));
    expect(daily!.title).not.toContain(":");
  });

  it("keeps an empty bucket's error rate null so the line breaks instead of dropping to 0%", () => {
    const [p] = chartPoints([point("2026-11-20T12:00:00.000Z", 0, 0)], "1h", 86_400_000);
    expect(p!.errorRatePct).toBeNull();
  });

  it.each([
    { why: "all-zero buckets draw nothing", series: [point("2026-11-20T12:00:00.000Z", 0, 0)], want: false },
    { why: "one run is data", series: [point("2026-11-20T12:00:00.000Z", 0, 0), point("2026-11-20T13:00:00.000Z", 1, 0)], want: true },
  ])("hasData: $why", ({ series, want }) => {
    expect(hasData(series)).toBe(want);
  });
});

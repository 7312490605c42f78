import type { NormalizedSpan } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error";
import { IngestQuotas, type QuotaConfig } from "./quotas";

const config = (over: Partial<QuotaConfig> = {}): QuotaConfig => ({ spansPerSec: 100, burstSpans: 200, maxSpansPerTrace: 0, projectQueueShare: 0.5, bytesPerDay: 0, ...over });
const spans = (traceId: string, n: number) => Array.from({ length: n }, (_, i) => ({ traceId, spanId: `${traceId}-${i}` }) as NormalizedSpan);

/** The status and Retry-After of what `fn` throws (0 when it does not). */
function refusal(fn: () => unknown): { status: number; retryAfterSec?: number } {
  try {
    fn();
    return { status: 0 };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return { status: err.status, retryAfterSec: err.retryAfterSec };
  }
}

describe("ingest quotas", () => {
  it("token bucket: a burst passes, debt waits in proportion, refill lets the project back in", () => {
    let t = 0;
    const q = new IngestQuotas(config(), 1000, () => t);
    expect(refusal(() => q.admitRate("p", 150)).status).toBe(0);
    expect(refusal(() => q.admitRate("p", 450)).status).toBe(0); // 50 tokens left: let in, 400 in debt
    expect(refusal(() => q.checkRate("p"))).toEqual({ status: 429, retryAfterSec: 4 });
    expect(refusal(() => q.admitRate("other", 150)).status).toBe(0); // another project has its own bucket
    t += 4001;
    expect(refusal(() => q.admitRate("p", 10)).status).toBe(0);
  });

  it("bytes per day: requests pass while the day's count is under the quota, then 429 until midnight UTC; each project apart", () => {
    let t = Date.UTC(2026, 0, 1, 23, 0, 0); // one hour before midnight
    const q = new IngestQuotas(config({ spansPerSec: 0, bytesPerDay: 1000 }), 1000, () => t);
    expect(refusal(() => q.admitBytes("p", 600)).status).toBe(0);
    expect(refusal(() => q.admitBytes("p", 600)).status).toBe(0); // 600 < 1000: let in, the day is now spent
    expect(refusal(() => q.admitBytes("p", 1))).toEqual({ status: 429, retryAfterSec: 3600 });
    expect(refusal(() => q.checkRate("p"))).toEqual({ status: 429, retryAfterSec: 3600 }); // refused before a body is read
    expect(refusal(() => q.admitBytes("other", 900)).status).toBe(0);
    t += 3600_000; // midnight: a new day
    expect(refusal(() => q.checkRate("p")).status).toBe(0);
    expect(refusal(() => q.admitBytes("p", 999)).status).toBe(0);
  });

  it("0 bytes per day turns the byte quota off", () => {
    const q = new IngestQuotas(config({ bytesPerDay: 0 }), 1000);
    for (let i = 0; i < 10; i++) q.admitBytes("p", 1e12);
    expect(refusal(() => q.checkRate("p")).status).toBe(0);
  });

  it("0 spans per second turns the rate limit off", () => {
    const q = new IngestQuotas(config({ spansPerSec: 0 }), 1000);
    for (let i = 0; i < 10; i++) q.admitRate("p", 1e9);
    expect(refusal(() => q.checkRate("p")).status).toBe(0);
  });

  it("a project flooding the commit queue is held at its share; others still get in", () => {
    const q = new IngestQuotas(config(), 1000);
    const r1 = q.reserveQueue("flood", 400);
    const r2 = q.reserveQueue("flood", 100); // 500 = its share
    expect(refusal(() => q.reserveQueue("flood", 1))).toEqual({ status: 429, retryAfterSec: 1 });
    const other = q.reserveQueue("quiet", 300);
    expect(q.queuedSpans("quiet")).toBe(300);
    r1();
    r1(); // releasing twice gives back once
    expect(q.queuedSpans("flood")).toBe(100);
    expect(refusal(() => q.reserveQueue("flood", 300)).status).toBe(0);
    r2();
    other();
  });

  it("one export larger than the share still goes in when the project has nothing queued", () => {
    const q = new IngestQuotas(config(), 1000);
    expect(refusal(() => q.reserveQueue("p", 5000)).status).toBe(0);
  });

  it("caps spans per trace, counting across exports, each project apart", () => {
    const q = new IngestQuotas(config({ maxSpansPerTrace: 5 }), 1000);
    const a = q.capTraces("p", [...spans("t1", 3), ...spans("t2", 3)]);
    expect(a.kept).toHaveLength(6);
    const b = q.capTraces("p", [...spans("t1", 3), ...spans("t2", 1)]);
    expect(b.kept.map((s) => s.traceId)).toEqual(["t1", "t1", "t2"]);
    expect(b.refused).toHaveLength(1);
    expect(b.refused[0]!.reason).toMatch(/ONSET_MAX_SPANS_PER_TRACE/);
    expect(q.capTraces("other", spans("t1", 5)).kept).toHaveLength(5);
  });
});

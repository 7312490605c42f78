import { beforeAll, describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { getRunSpanPage } from "./run-span-pages";
import { BadCursorError } from "./runs";

const TRACE = "7".repeat(32);

describe("a run's spans a page at a time", () => {
  const fx = useIngestFixture();

  beforeAll(async () => {
    // Five spans, two of them starting at the same millisecond (the span id breaks the tie).
    const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
    const starts = [0, 5, 5, 9, 20];
    await fx.ingest.write(
      fx.projectA,
      starts.map((ms, i) => makeSpan({ traceId: TRACE, spanId: `${i}`.repeat(16), parentSpanId: i === 0 ? null : "0".repeat(16), startTimeMs: t0 + ms, endTimeMs: t0 + ms + 1 })),
    );
  });

  it("walks every span once, in start order, in pages of the asked size", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getRunSpanPage(fx.pool, fx.projectA, TRACE, { limit: 2, cursor });
      expect(page!.spans.length).toBeLessThanOrEqual(2);
      seen.push(...page!.spans.map((s) => s.spanId));
      cursor = page!.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(["0", "1", "2", "3", "4"].map((c) => c.repeat(16)));
    expect((await getRunSpanPage(fx.pool, fx.projectA, TRACE))!.spans).toHaveLength(5);
  });

  it("caps the page size and answers null for another project's run", async () => {
    expect((await getRunSpanPage(fx.pool, fx.projectA, TRACE, { limit: 1_000_000 }))!.nextCursor).toBeNull();
    expect(await getRunSpanPage(fx.pool, fx.projectB, TRACE)).toBeNull();
  });

  it("refuses a forged cursor as a 400, not a database error", async () => {
    const forged = Buffer.from(JSON.stringify({ t: "'; DROP TABLE spans; --", id: "x" })).toString("base64url");
    await expect(getRunSpanPage(fx.pool, fx.projectA, TRACE, { cursor: forged })).rejects.toBeInstanceOf(BadCursorError);
    await expect(getRunSpanPage(fx.pool, fx.projectA, TRACE, { cursor: "garbage" })).rejects.toBeInstanceOf(BadCursorError);
  });
});

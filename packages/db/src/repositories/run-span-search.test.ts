/**
 * Searching a run's spans in the database (the run page's search box): name, input,
 * output, tool call, error and status message; case-insensitive; LIKE wildcards in the
 * text taken literally; start order; a limit; another project's run never matches.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { searchRunSpans } from "./run-span-reads";

const TRACE = "8".repeat(32);
const id = (n: number) => `${n}`.repeat(16);

describe("searchRunSpans", () => {
  const fx = useIngestFixture();

  beforeAll(async () => {
    const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
    const at = (n: number) => ({ traceId: TRACE, spanId: id(n), parentSpanId: n === 1 ? null : id(1), startTimeMs: t0 + n, endTimeMs: t0 + n + 1 });
    await fx.ingest.write(fx.projectA, [
      makeSpan({ ...at(1), name: "invoke_agent coder" }),
      makeSpan({ ...at(2), name: "chat", input: { kind: "messages", messages: [{ role: "user", content: "Fix the Discount bug" }] } }),
      makeSpan({ ...at(3), name: "execute_tool run_tests", tool: { name: "run_tests", callId: null, arguments: "{}", result: "FAILED test_tax - assert 48.6 == 54.0" } }),
      makeSpan({ ...at(4), name: "execute_tool shell", error: { type: "ValueError", message: "100% wrong", stacktrace: null } }),
      makeSpan({ ...at(5), name: "chat", output: { kind: "text", text: "done: the discount is applied" } }),
      // Content long enough to live in the content store (a message by reference, a tool
      // result as chunks of its JSON): still found.
      makeSpan({ ...at(6), name: "chat", input: { kind: "messages", messages: [{ role: "user", content: `${"context ".repeat(100)}the stored zebra` }] } }),
      makeSpan({ ...at(7), name: "execute_tool cat", tool: { name: "cat", callId: null, arguments: "{}", result: `${"line\n".repeat(1000)}stored giraffe` } }),
    ]);
  });

  it.each([
    { why: "a name", q: "coder", want: [id(1)] },
    { why: "input messages, case-insensitively", q: "discount", want: [id(2), id(5)] },
    { why: "a tool result", q: "assert 48.6", want: [id(3)] },
    { why: "an error, with % taken literally", q: "100%", want: [id(4)] },
    { why: "an underscore taken literally, not as any character", q: "run_t", want: [id(3)] },
    { why: "a message kept in the content store", q: "stored zebra", want: [id(6)] },
    { why: "a long tool result kept as chunks", q: "stored giraffe", want: [id(7)] },
    { why: "nothing", q: "no such text", want: [] },
  ])("finds $why", async ({ q, want }) => {
    expect(await searchRunSpans(fx.pool, fx.projectA, TRACE, q)).toEqual({ spanIds: want, truncated: false });
  });

  it("stops at the limit and says so, and never matches another project's run", async () => {
    expect(await searchRunSpans(fx.pool, fx.projectA, TRACE, "chat", 1)).toEqual({ spanIds: [id(2)], truncated: true });
    expect(await searchRunSpans(fx.pool, fx.projectB, TRACE, "chat")).toEqual({ spanIds: [], truncated: false });
  });
});

/**
 * Runs-list previews: what a row shows of a run so runs of one task can be told apart
 * (the question asked, the answer given, the first error), cut short, one line, and
 * never from another project.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { PREVIEW_CHARS } from "./run-previews";
import { listRuns } from "./runs";

const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const id = (c: string) => c.repeat(32);

//  run  spans (start order)                                  expected preview
//  a    root(agent) ─ chat(messages: system, user "Fix the   input: the user message; output: root's text
//       parser\n  please")                                    error: none
//  b    root(no output) ─ tool(error ValueError: bad) ─      input: root text; output: the last span's;
//       chat(output "gave up")                                error: "ValueError: bad"
//  c    root with a 1,000-character input                     input cut to PREVIEW_CHARS
//  e    chat whose user message is long enough (≥ 512 chars    input read back from the content store
//       of JSON) to be stored by reference
//  B:x  same shape as a, other project                        never listed for A
function span(traceId: string, n: number, over: Partial<NormalizedSpan>): NormalizedSpan {
  return makeSpan({ traceId, spanId: `${traceId.slice(0, 15)}${n}`, startTimeMs: t0 + n * 1000, endTimeMs: t0 + 10_000 - n, ...over });
}

describe("run previews in the runs list", () => {
  const fx = useIngestFixture();
  beforeAll(async () => {
    const a = id("a");
    const b = id("b");
    const c = id("c");
    await fx.ingest.write(fx.projectA, [
      span(a, 0, { name: "agent", type: "agent", output: { kind: "text", text: "Parser fixed;\n tests pass" } }),
      span(a, 1, {
        name: "chat",
        type: "llm",
        parentSpanId: `${a.slice(0, 15)}0`,
        input: { kind: "messages", messages: [{ role: "system", content: "You are a coder" }, { role: "user", content: "Fix the parser\n  please" }] },
      }),
      span(b, 0, { name: "agent", type: "agent", input: { kind: "text", text: "Book a flight" }, statusCode: "error" }),
      span(b, 1, { name: "search", type: "tool", parentSpanId: `${b.slice(0, 15)}0`, statusCode: "error", error: { type: "ValueError", message: "bad", stacktrace: null } }),
      span(b, 2, { name: "chat", type: "llm", parentSpanId: `${b.slice(0, 15)}0`, output: { kind: "text", text: "gave up" } }),
      span(c, 0, { name: "agent", type: "agent", input: { kind: "text", text: "x".repeat(1000) } }),
      span(id("e"), 0, { name: "chat", type: "llm", input: { kind: "messages", messages: [{ role: "user", content: `Long question ${"y".repeat(600)}` }] } }),
    ]);
    await fx.ingest.write(fx.projectB, [span(id("d"), 0, { name: "agent", input: { kind: "text", text: "secret of B" } })]);
  });

  it("shows each run's question, answer and first error on one line", async () => {
    const { runs } = await listRuns(fx.pool, fx.projectA, { sort: "startTime", order: "asc" });
    const byId = new Map(runs.map((r) => [r.traceId, r.preview]));
    expect(byId.get(id("a"))).toEqual({ input: "Fix the parser please", output: "Parser fixed; tests pass", error: null });
    expect(byId.get(id("b"))).toEqual({ input: "Book a flight", output: "gave up", error: "ValueError: bad" });
    expect(byId.get(id("c"))?.input).toBe("x".repeat(PREVIEW_CHARS));
    expect(byId.get(id("e"))?.input).toBe(`Long question ${"y".repeat(PREVIEW_CHARS - 14)}`);
    expect(JSON.stringify(runs)).not.toContain("secret of B");
  });
});

import { describe, expect, it } from "vitest";
import { emptyUsage } from "./normalized-span";
import { normalizedSpan, unmappedFields } from "./span-factory";

describe("normalizedSpan", () => {
  it("is a root internal span with nothing known, ids first, and what the caller sets on top", () => {
    const span = normalizedSpan({ traceId: "t", spanId: "s", name: "chat", type: "llm", startTimeMs: 5, endTimeMs: 9 });
    expect(Object.keys(span).slice(0, 3)).toEqual(["traceId", "spanId", "parentSpanId"]);
    expect(span).toMatchObject({ parentSpanId: null, kind: 1, statusCode: "unset", name: "chat", type: "llm", startTimeMs: 5, endTimeMs: 9, mapper: "generic" });
    expect(span.usage).toEqual(emptyUsage());
    expect([span.attributes, span.events, span.resourceAttributes]).toEqual([{}, [], {}]);
  });

  it("never shares mutable defaults between spans", () => {
    const a = normalizedSpan({ traceId: "t", spanId: "a" });
    const b = normalizedSpan({ traceId: "t", spanId: "b" });
    a.attributes.x = 1;
    a.usage.input = 3;
    expect(b.attributes).toEqual({});
    expect(b.usage.input).toBeNull();
    expect(unmappedFields().usage).not.toBe(unmappedFields().usage);
  });
});

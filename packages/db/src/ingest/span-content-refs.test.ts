/** The row JSON of chat messages is built from each message's JSON, byte for byte what serializing the whole gives. */
import type { ChatMessage, SpanContent } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { makeSpan } from "../test-support";
import { jsonbText } from "./copy-text";
import { ContentBatch, externalizeSpan, MESSAGE_REF_CHARS } from "./span-content-refs";

const msg = (role: string, content: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({ role, content, ...extra });
const messages = (...m: ChatMessage[]): SpanContent => ({ kind: "messages", messages: m });

describe("externalizeSpan, messages", () => {
  it("writes short messages inline exactly as JSON.stringify of the whole input (NUL dropped, lone surrogate replaced)", () => {
    const input = messages(msg("system", "be brief"), msg("user", 'say "hi"\n\u0000 then \ud800 stop \\u0000'));
    const output = messages(msg("assistant", "hi", { finishReason: "stop" }));
    const stored = externalizeSpan("p", makeSpan({ traceId: "t".repeat(32), spanId: "s".repeat(16), startTimeMs: 1, input, output }), new ContentBatch());
    expect(stored.input).toBe(jsonbText(input));
    expect(stored.output).toBe(jsonbText(output));
    expect(stored.refs).toBeNull();
  });

  it("keeps the short messages inline and references the long ones, in order", () => {
    const long = msg("user", "x".repeat(MESSAGE_REF_CHARS));
    const short = msg("assistant", "ok");
    const batch = new ContentBatch();
    const stored = externalizeSpan("p", makeSpan({ traceId: "t".repeat(32), spanId: "s".repeat(16), startTimeMs: 1, input: messages(short, long, short) }), batch);
    expect(stored.input).toBe(jsonbText({ kind: "messages", messages: [short, short] }));
    expect(stored.refs?.in).toEqual([null, expect.any(String), null]);
    expect([...batch.rows.values()].map((r) => r.body)).toEqual([jsonbText(long)]);
  });

  it("serializes an input with keys beyond kind and messages as a whole", () => {
    const input = { messages: [msg("user", "hi")], kind: "messages" } as SpanContent;
    const stored = externalizeSpan("p", makeSpan({ traceId: "t".repeat(32), spanId: "s".repeat(16), startTimeMs: 1, input }), new ContentBatch());
    expect(stored.input).toBe(JSON.stringify(input));
  });
});

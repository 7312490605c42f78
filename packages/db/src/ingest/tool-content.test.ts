/**
 * The shortcut for a tool span's input and output (derivedFromToolText: the mappers
 * derived them from the tool call's text, which cannot need the jsonb clean-up) agrees
 * with the full check (derivedFromTool on the content's JSON) whenever it answers, and
 * the span's stored columns are the same either way.
 */
import { normalizedSpan, normalizeSpan, type NormalizedSpan } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { jsonbText } from "./copy-text";
import { ContentBatch, externalizeSpan } from "./span-content-refs";
import { derivedFromTool, derivedFromToolText, FROM_TOOL } from "./tool-content";

/** A tool span as the decoder leaves it: the mappers derive its input and output from the call. */
function toolSpan(args: string, result: string): NormalizedSpan {
  return normalizeSpan(
    normalizedSpan({
      traceId: "a".repeat(32),
      spanId: "b".repeat(16),
      startTimeMs: 1_700_000_000_000,
      endTimeMs: 1_700_000_000_001,
      name: "execute_tool search",
      attributes: {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "search",
        "gen_ai.tool.call.id": "call_1",
        "gen_ai.tool.call.arguments": args,
        "gen_ai.tool.call.result": result,
      },
    }),
  );
}

const TEXTS = [
  '{"query":"weather in Paris","limit":3}',
  "plain text result",
  '[{"role":"user","content":"a list that reads as messages"}]',
  '{"escaped":"caf\\u00e9"}',
  '{"nul":"a\\u0000b"}',
  '{"lone":"\\ud800"}',
  "raw NUL \u0000 inside",
  "lone surrogate \ud800 inside",
  "a pair 😀 of surrogates",
  "back\\slash and \\u in text",
];

describe("tool span input and output stored as FROM_TOOL", () => {
  for (const text of TEXTS) {
    it(`the shortcut never disagrees with the full check: ${JSON.stringify(text)}`, () => {
      const s = toolSpan(text, text);
      expect(s.tool?.arguments).toBe(text);
      for (const [content, value] of [
        [s.input, s.tool!.arguments],
        [s.output, s.tool!.result],
      ] as const) {
        const full = derivedFromTool(jsonbText(content), value);
        if (derivedFromToolText(content, value)) expect(full).toBe(true);
      }
      // Messages keep their own path (stored message by message), never the marker.
      const marked = derivedFromTool(jsonbText(s.input), text) && s.input?.kind !== "messages";
      const stored = externalizeSpan("p", s, new ContentBatch());
      expect(stored.input).toBe(marked ? FROM_TOOL : jsonbText(s.input));
      expect(stored.output).toBe(marked ? FROM_TOOL : jsonbText(s.output));
    });
  }

  it("takes the shortcut for plain JSON and text, and not for a text the clean-up could change", () => {
    expect(derivedFromToolText(toolSpan(TEXTS[0]!, "ok").input, TEXTS[0])).toBe(true);
    expect(derivedFromToolText(toolSpan("ok", TEXTS[1]!).output, TEXTS[1])).toBe(true);
    for (const text of TEXTS.slice(3, 9)) expect(derivedFromToolText(toolSpan(text, "ok").input, text)).toBe(false);
  });

  it("does not take it for content the mappers did not derive, or once the tool text changed", () => {
    const s = toolSpan(TEXTS[0]!, "ok");
    expect(derivedFromToolText(JSON.parse(JSON.stringify(s.input)), TEXTS[0])).toBe(false);
    expect(derivedFromToolText(s.input, '{"query":"weather in Rome","limit":3}')).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { costText, tokensText, totalTokensText, usageUnknown, withoutUsageNote } from "./usage-text";

const known = { inputTokens: 220, outputTokens: 32, costUsd: 0.0000522, llmSpansWithoutUsage: 0 };

describe("usage texts", () => {
  it("shows reported usage as it is", () => {
    expect(usageUnknown(known)).toBe(false);
    expect(tokensText(known)).toBe("220 / 32");
    expect(totalTokensText(known)).toBe("252");
    expect(costText(known)).toBe("$0.000052");
    expect(withoutUsageNote(0)).toBeNull();
  });

  it("says unknown, not 0 and $0, when no LLM call reported usage", () => {
    const none = { inputTokens: 0, outputTokens: 0, costUsd: 0, llmSpansWithoutUsage: 2 };
    expect(usageUnknown(none)).toBe(true);
    expect(tokensText(none)).toBe("unknown");
    expect(totalTokensText(none)).toBe("unknown");
    expect(costText(none)).toBe("unknown");
    expect(withoutUsageNote(2)).toBe("2 LLM calls without usage");
  });

  it("marks totals that leave calls out as lower bounds", () => {
    const some = { ...known, llmSpansWithoutUsage: 1 };
    expect(usageUnknown(some)).toBe(false);
    expect(tokensText(some)).toBe("≥ 220 / ≥ 32");
    expect(totalTokensText(some)).toBe("≥ 252");
    expect(costText(some)).toBe("≥ $0.000052");
    expect(withoutUsageNote(1)).toBe("1 LLM call without usage");
  });

  it("a run without LLM calls costs $0: nothing is unknown", () => {
    const noCalls = { inputTokens: 0, outputTokens: 0, costUsd: 0, llmSpansWithoutUsage: 0 };
    expect(tokensText(noCalls)).toBe("0 / 0");
    expect(costText(noCalls)).toBe("$0");
  });
});

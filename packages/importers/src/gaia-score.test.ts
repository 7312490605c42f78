import { describe, expect, it } from "vitest";
import { gaiaAnswerMatches, verdictFromExpectedAnswer } from "./gaia-score";

describe("GAIA scorer", () => {
  it("compares numbers as floats after removing $, % and commas", () => {
    expect(gaiaAnswerMatches("$16,000", "16000")).toBe(true);
    expect(gaiaAnswerMatches("12.0", "12")).toBe(true);
    expect(gaiaAnswerMatches("17000", "17")).toBe(false);
    expect(gaiaAnswerMatches("about 17", "17")).toBe(false);
  });

  it("compares lists element by element, keeping punctuation", () => {
    expect(gaiaAnswerMatches("Santa Clara,  Boston", "Santa Clara, Boston")).toBe(true);
    expect(gaiaAnswerMatches("Santa Clara, Cambridge", "Santa Clara, Boston")).toBe(false);
    expect(gaiaAnswerMatches("Harbinger", "Harbinger, Tidal")).toBe(false);
  });

  it("compares strings without whitespace, case and punctuation", () => {
    expect(gaiaAnswerMatches("THESEAGULLGLIDEDPEACEFULLYTOMYCHAIR", "The seagull glided peacefully to my chair.")).toBe(true);
    expect(gaiaAnswerMatches("`", "backtick")).toBe(false);
  });

  it("gives no verdict without an expected answer and fails an empty answer", () => {
    expect(verdictFromExpectedAnswer("3", undefined)).toBeNull();
    expect(verdictFromExpectedAnswer(null, "3")).toEqual({ outcome: "failed", reason: "answer vs true_answer (GAIA scorer): no answer" });
    expect(verdictFromExpectedAnswer(3, "3")?.outcome).toBe("succeeded");
  });
});

/**
 * GAIA's answer check (`question_scorer` in the GAIA leaderboard's scorer, copied into
 * smolagents' examples/open_deep_research/scripts/gaia_scorer.py), so an artifact that
 * records the expected answer beside the agent's gets the verdict the benchmark gives:
 *   - expected answer a number: the answer with "$", "%" and "," removed, compared as a float;
 *   - expected answer a list (has "," or ";"): same length, element by element (numbers
 *     as above, strings without whitespace, lowercased, punctuation kept);
 *   - otherwise: strings without whitespace and punctuation, lowercased.
 */
import type { Verdict } from "./verdict";

// Python's float(): optional sign, decimal digits with an optional point and exponent, inf/nan; surrounding whitespace allowed.
const PY_FLOAT = /^\s*[-+]?((\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][-+]?\d+)?|inf(inity)?|nan)\s*$/i;
// Python's string.punctuation.
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

function isFloat(s: string): boolean {
  return PY_FLOAT.test(s);
}

function toFloat(s: string): number {
  const t = s.trim().replace(/_/g, "").toLowerCase().replace(/^([-+]?)inf(inity)?$/, "$1Infinity");
  return t.endsWith("nan") ? NaN : Number(t);
}

/** normalize_number_str: strips "$", "%", ","; not a number -> Infinity (never equal to a finite answer). */
function normalizeNumber(s: string): number {
  const t = s.replace(/[$%,]/g, "");
  return isFloat(t) ? toFloat(t) : Infinity;
}

function normalizeString(s: string, removePunct: boolean): string {
  const noSpaces = s.replace(/\s/g, "").toLowerCase();
  return removePunct ? noSpaces.replace(PUNCTUATION, "") : noSpaces;
}

/** True when GAIA's scorer counts `answer` as the expected `truth`. */
export function gaiaAnswerMatches(answer: string, truth: string): boolean {
  if (isFloat(truth)) return normalizeNumber(answer) === toFloat(truth);
  if (/[,;]/.test(truth)) {
    const expected = truth.split(/[,;]/);
    const given = answer.split(/[,;]/);
    if (expected.length !== given.length) return false;
    return expected.every((e, k) =>
      isFloat(e) ? normalizeNumber(given[k]!) === toFloat(e) : normalizeString(given[k]!, false) === normalizeString(e, false),
    );
  }
  return normalizeString(answer, true) === normalizeString(truth, true);
}

/** Verdict from an answer and the expected answer, by GAIA's scorer; null without an expected answer. */
export function verdictFromExpectedAnswer(answer: unknown, truth: unknown, fields = "answer vs true_answer"): Verdict | null {
  if (typeof truth !== "string" && typeof truth !== "number") return null;
  const expected = String(truth);
  if (expected.trim() === "") return null;
  const given = answer === null || answer === undefined ? "" : typeof answer === "string" ? answer : JSON.stringify(answer);
  const ok = given !== "" && gaiaAnswerMatches(given, expected);
  // The reason names the check, not the expected answer: that is the benchmark's key.
  return { outcome: ok ? "succeeded" : "failed", reason: `${fields} (GAIA scorer): ${ok ? "match" : given === "" ? "no answer" : "no match"}` };
}

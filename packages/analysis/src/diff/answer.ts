/**
 * Final-answer comparison (docs/spec/run-diff.md §4): answers are compared after
 * normalization: case-fold, collapse whitespace, strip quotes, drop a trailing period.
 */

/** Quote characters stripped from both ends of an answer (ASCII and typographic). */
const QUOTES = `"'\`\u2018\u2019\u201C\u201D\u00AB\u00BB`;

/**
 * Normalize an answer for comparison. Repeats until stable so that `"Paris."` and
 * `'Paris'.` both give `paris`.
 */
export function normalizeAnswer(answer: string): string {
  const s = answer.toLowerCase().replace(/\s+/g, " ");
  // One pass from each end (stripping repeatedly with `[quotes]+$` was quadratic on a
  // long run of quotes and periods): quotes and blanks go from the front; quotes,
  // periods and blanks from the back.
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === " " || QUOTES.includes(s[start]!))) start++;
  while (end > start && (s[end - 1] === " " || s[end - 1] === "." || QUOTES.includes(s[end - 1]!))) end--;
  return s.slice(start, end);
}

/**
 * Whether the final answer changed: both missing is no change; one missing is a change
 * (the method's own rule: a missing answer differs from any answer).
 */
export function answerChanged(a: string | null, b: string | null): boolean {
  if (a === null && b === null) return false;
  if (a === null || b === null) return true;
  return normalizeAnswer(a) !== normalizeAnswer(b);
}

/**
 * Linear-time matching of model_prices.model_pattern against model names.
 *
 * Patterns of project overrides are untrusted (any API key with the right to add prices
 * writes them), so they are compiled with re2js, a port of RE2: matching time is linear
 * in the name whatever the pattern (no backtracking, so `^(a+)+$` costs what `^a+$`
 * costs). RE2 has no lookaround and no backreferences; such a pattern is refused at
 * POST /api/v1/prices and, if one was stored before, prices nothing.
 *
 * Global rows come only from the bundled @pydantic/genai-prices data (trusted). Their
 * `and` combinations and a few of their regexes use lookaheads, which RE2 lacks; those
 * few compile with the JavaScript engine. Either way the name is capped at
 * MAX_MODEL_NAME_CHARS before matching, so no pattern sees a long input.
 */
import { RE2JS } from "re2js";

/** Longest model name matched (longer names are cut to this before matching). */
export const MAX_MODEL_NAME_CHARS = 256;

/** Longest stored pattern accepted from users. */
export const MAX_MODEL_PATTERN_CHARS = 300;

/** A compiled model pattern. */
export interface ModelMatcher {
  /** True when the (lowercased, capped) name matches. */
  test(name: string): boolean;
}

/** The model name as every pattern sees it: trimmed, lowercased, capped. */
export function normalizeModelName(model: string): string {
  return model.trim().slice(0, MAX_MODEL_NAME_CHARS).toLowerCase();
}

/** Why `pattern` cannot be used as an override pattern, or null when it can. */
export function modelPatternProblem(pattern: string): string | null {
  if (pattern.length === 0) return "the pattern is empty";
  if (pattern.length > MAX_MODEL_PATTERN_CHARS) return `the pattern is longer than ${MAX_MODEL_PATTERN_CHARS} characters`;
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return null;
  } catch (err) {
    return `not a valid RE2 regular expression (no lookaround or backreferences): ${(err as Error).message}`;
  }
}

// Compiled matchers by trust and pattern: the collector reloads the price table every
// 30 s, and compiling every row's pattern again was 2% of its CPU under load.
const compiledPatterns = new Map<string, ModelMatcher | null>();

/**
 * Compiles a stored pattern; null when it cannot be compiled (it then prices nothing).
 * `trusted` is for the bundled price data only: it may fall back to the JavaScript
 * engine for syntax RE2 lacks. Matchers are stateless, so one is shared per pattern.
 */
export function compileModelPattern(pattern: string, trusted: boolean): ModelMatcher | null {
  const key = `${trusted ? "t" : "u"}\u0000${pattern}`;
  const hit = compiledPatterns.get(key);
  if (hit !== undefined) return hit;
  const matcher = compile(pattern, trusted);
  if (compiledPatterns.size >= 10_000) compiledPatterns.clear();
  compiledPatterns.set(key, matcher);
  return matcher;
}

function compile(pattern: string, trusted: boolean): ModelMatcher | null {
  try {
    const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return { test: (name) => re.test(name) };
  } catch {
    if (!trusted) return null;
  }
  try {
    const re = new RegExp(pattern, "i");
    return { test: (name) => re.test(name) };
  } catch {
    return null;
  }
}

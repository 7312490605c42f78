/**
 * Did an action fail, why, and did a check pass? Exit codes win over text
 * (docs/spec/failure-onset.md: "a nonzero exit code or error text (Traceback, `Error:`, FAILED,
 * 'command not found')"); text is read only when no exit code was recorded, and only
 * the first and last few kilobytes of it.
 */
import type { ActionError, CheckResult, ErrorCategory } from "../schema/step-schema";
import { clip } from "../spans/text-hash";

/** How much of a long output is scanned: its head and its tail (where errors and summaries sit). */
const SCAN_HEAD = 4096;
const SCAN_TAIL = 4096;

/** The part of an output worth scanning. */
export function scanWindow(text: string): string {
  return text.length <= SCAN_HEAD + SCAN_TAIL ? text : `${text.slice(0, SCAN_HEAD)}\n${text.slice(-SCAN_TAIL)}`;
}

/**
 * An outage, timeout or rate limit. A bare 503 is not one (it can be an order number or a
 * line count): status codes count only with HTTP/status context ("HTTP 503", "status
 * code: 429", "error 502").
 */
const ENVIRONMENT_TEXT = /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?:[ _]code)?|error|response code)[\s:=]{0,3}(?:503|502|504|429)\b|service unavailable|bad gateway|gateway time-?out|timed? ?out\b|timeout|connection (?:refused|reset|error|aborted)|rate.?limit|too many requests|temporarily unavailable|network is unreachable|quota exceeded|overloaded/i;
/** Node/libc error codes: case-sensitive, or "ModuleNotFoundError" would read as ENOTFOUND. */
const ENVIRONMENT_CODE = /\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)\b/;
const ENVIRONMENT = { test: (text: string): boolean => ENVIRONMENT_TEXT.test(text) || ENVIRONMENT_CODE.test(text) };
/** Syntax errors, and the format/parse errors frameworks feed back when the model's output could not be read. */
const SYNTAX = /SyntaxError|IndentationError|TabError|syntax error|unexpected token|parse error|E999|unterminated string|error in code parsing|could not parse|parsing error|OutputParserException|AgentParsingError|not formatted correctly|invalid (?:json|format)|malformed (?:json|output|response|tool call)|your (?:output|response) was not formatted/i;
const INVALID_ARGS = /No replacement was performed|did not appear verbatim|invalid (?:argument|parameter|option|value|path|input|arguments)|missing (?:required )?(?:argument|parameter|field)|unexpected (?:keyword )?argument|unrecognized (?:argument|option)|validation error|^usage: |\busage: \w|is not a valid|required property|unknown (?:option|flag|argument|command)|command not found|not a git repository|no such option|got an unexpected/im;
const NOT_FOUND = /No such file or directory|does not exist|FileNotFoundError|ENOENT|cannot find (?:the )?(?:path|file)|could not find (?:file|path)|\b404\b|not found|no matches found|no results/i;
const RUNTIME = /Traceback \(most recent call last\)|^\w*(?:Error|Exception)\b:?|^panic:|Segmentation fault|^fatal:|^error(?:\[\w+\])?:|\bERROR\b|npm ERR!/m;
/** Error text strong enough to mean failure even without an exit code. */
const STRONG_ERROR = /No replacement was performed|did not appear verbatim|Traceback \(most recent call last\)|^\w*(?:Error|Exception): |command not found|No such file or directory|^fatal:|^error(?:\[\w+\])?: |Permission denied|^panic:|Segmentation fault|npm ERR!/m;

/** Coarse category of an error text (order matters: an outage can print a traceback). */
export function categorizeError(text: string): ErrorCategory {
  if (ENVIRONMENT.test(text)) return "environment";
  if (SYNTAX.test(text)) return "syntax";
  if (INVALID_ARGS.test(text)) return "invalid-args";
  if (NOT_FOUND.test(text)) return "not-found";
  if (RUNTIME.test(text)) return "runtime";
  return "other";
}

/** The most telling line of an error output: the last exception line, else the first error-ish line. */
export function errorLine(text: string): string {
  const lines = text.split("\n");
  for (let k = lines.length - 1; k >= 0; k--) {
    const line = lines[k]!.trim();
    if (/^\w*(?:Error|Exception)\b.*:/.test(line) || /^(?:E\s+)?\w+Error:/.test(line)) return clip(line);
  }
  for (const raw of lines) {
    const line = raw.trim();
    if (/error|fail|not found|denied|invalid|unavailable|timed? ?out|refused|usage:/i.test(line)) return clip(line);
  }
  return clip(text);
}

const FAIL_SUMMARY = /\b[1-9]\d* (?:failed|failing|failures?|errors?)\b|\bFAILED\b|^FAIL\b|\bFAIL:|Traceback \(most recent call last\)|AssertionError|BUILD FAILED|Build failed|npm ERR!|compilation (?:failed|terminated)|\b[1-9]\d* problems?\b|Found [1-9]\d* errors?|still (?:present|failing|broken|reproduces)|bug (?:is )?(?:still )?reproduced/im;
const PASS_SUMMARY = /\b\d+ passed\b|^OK\b|\bPASS(?:ED)?\b|all (?:tests|checks) pass|\b0 (?:failed|failures|errors)\b|build succeeded|compiled successfully|no issues found|Success|\bfixed\b|works (?:now|correctly|as expected)|All done/im;

/** Outcome of a check from its exit code, span status and output. */
export function checkOutcome(exitCode: number | null, statusError: boolean, output: string): CheckResult["outcome"] {
  if (exitCode !== null) {
    if (exitCode === 0) return "pass";
    // pytest exit 5: "no tests were collected" says nothing about the code under test.
    return exitCode === 5 ? "unknown" : "fail";
  }
  if (statusError) return "fail";
  const window = scanWindow(output);
  if (FAIL_SUMMARY.test(window)) return "fail";
  if (PASS_SUMMARY.test(window)) return "pass";
  return "unknown";
}

/** Inputs to actionError. */
export interface OutcomeInput {
  exitCode: number | null;
  statusError: boolean;
  /** The span's own error message (error.message or status message). */
  spanError: string | null;
  output: string;
  /** grep/diff family: exit 1 means no match. */
  exitOneIsBenign: boolean;
  check: CheckResult | null;
}

/** The action's error, or null when it succeeded. */
export function actionError(input: OutcomeInput): ActionError | null {
  const { exitCode, statusError, spanError, output, check } = input;
  const window = scanWindow(output);
  if (check !== null && check.outcome === "fail") {
    const text = spanError ?? errorLine(window);
    const category = ENVIRONMENT.test(text) && !FAIL_SUMMARY.test(window) ? "environment" : "check-failed";
    return { category, text };
  }
  if (exitCode !== null && exitCode !== 0) {
    if (exitCode === 1 && input.exitOneIsBenign && !statusError) return null;
    const text = window.trim() === "" ? `exit code ${exitCode}` : errorLine(window);
    return { category: categorizeError(`${spanError ?? ""}\n${window}`), text };
  }
  if (statusError) {
    const text = spanError ?? errorLine(window);
    return { category: categorizeError(`${text}\n${window}`), text };
  }
  if (exitCode === null && STRONG_ERROR.test(window)) {
    return { category: categorizeError(window), text: errorLine(window) };
  }
  return null;
}

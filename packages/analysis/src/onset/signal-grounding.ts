/**
 * Hallucinated facts carried forward, made checkable: a number a decision states (in its
 * text or in a non-shell tool's arguments, e.g. a search query or the final answer)
 * that appeared in nothing the agent was given or shown (task, user/system/tool
 * messages, tool results), and is not a sum, difference, product, ratio or percentage
 * change of two recent grounded numbers. Later steps repeating the number carried it
 * forward. Numbers only: names and dates-as-words are beyond a deterministic check.
 * Coding steps (shell and editor actions) are skipped: line numbers and constants in
 * code are not claims. Only fires for failed runs.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { isLookupTool } from "../actions/classify-tool";
import { contentMessages, contentText } from "../spans/span-text";
import type { StepModel } from "../steps/step-model";
import { pointAt, stepName, type OnsetContext } from "./onset-context";

const CLAIM_WEIGHT = 0.5;
const CARRIED_WEIGHT = 0.5;
/** Most carriers recorded per ungrounded number. */
const MAX_CARRIERS = 6;
/** Recent grounded numbers kept for derived-value checks. */
const RECENT = 24;
/** Most grounded numbers of one message kept as operands for the numbers it states after them. */
const MAX_OPERANDS = 12;
/** Most ungrounded numbers followed for carry-forward (earliest first). */
const MAX_CLAIMS = 40;
const SCAN_CHARS = 16_384;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Calls `found(value, start, end)` for each number in a text (1234, 1,234,567, 2.5; not
 * parts of words, versions, ids, ratings, fractions or dates written with slashes; `hyphenated` when joined
 * to a word by a hyphen, as in OPS-1234). Scanned by hand, values computed in place: a regex
 * with lookbehind, and a string per number, were the analyzer's hottest lines.
 */
function scanNumbers(text: string, found: (value: number, start: number, end: number, hyphenated: boolean) => void): void {
  const n = Math.min(text.length, SCAN_CHARS);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) {
      i++;
      continue;
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    let j = i;
    let value = 0;
    while (j < n && isDigit(text.charCodeAt(j))) value = value * 10 + (text.charCodeAt(j++) - 48);
    // Thousands groups: 1,234,567.
    while (j + 3 < n && text.charCodeAt(j) === 44 && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3)) && !isDigit(text.charCodeAt(j + 4))) {
      value = value * 1000 + (text.charCodeAt(j + 1) - 48) * 100 + (text.charCodeAt(j + 2) - 48) * 10 + (text.charCodeAt(j + 3) - 48);
      j += 4;
    }
    let decimals = "";
    if (j + 1 < n && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
      const d = ++j;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      decimals = text.slice(d, j);
    }
    const next = j < n ? text.charCodeAt(j) : 32;
    const nextIsDottedDigit = next === 46 && j + 1 < n && isDigit(text.charCodeAt(j + 1));
    // A rating, fraction or date ("10/10", "3/5", "12/25/2024") is not a stated quantity.
    const slashed = (next === 47 && j + 1 < n && isDigit(text.charCodeAt(j + 1))) || prev === 47;
    if (slashed) {
      while (j < n && (isDigit(text.charCodeAt(j)) || (text.charCodeAt(j) === 47 && j + 1 < n && isDigit(text.charCodeAt(j + 1))))) j++;
    } else if (!isWordChar(prev) && prev !== 46 && !isWordChar(next) && !nextIsDottedDigit) {
      // Decimals through Number() so 2.1 is exactly the double "2.1" parses to.
      found(decimals === "" ? value : Number(`${value}.${decimals}`), i, j, prev === 45 && i > 1 && isWordChar(text.charCodeAt(i - 2)));
    }
    // Skip the rest of a word or dotted run so its inner digits are not read as numbers.
    while (j < n && (isWordChar(text.charCodeAt(j)) || (text.charCodeAt(j) === 46 && j + 1 < n && isDigit(text.charCodeAt(j + 1))))) j++;
    i = j;
  }
}

/**
 * Numbers in a text with their raw spelling (see scanNumbers), as claims: a number joined
 * to a word by a hyphen names something ("OPS-1234", "W-2093") and is left out. (Seen
 * text keeps them: "2024-05-24" shows 24.)
 */
export function numbersIn(text: string): { raw: string; value: number }[] {
  const out: { raw: string; value: number }[] = [];
  scanNumbers(text, (value, start, end, hyphenated) => {
    if (!hyphenated && !namesNoQuantity(text, start, end)) out.push({ raw: text.slice(start, end), value });
  });
  return out;
}

/** Before a list item's number ("10. ", "3) "): the start of a line, after blanks or markdown marks. */
const LINE_START_BEFORE = /(?:^|\n)[ \t*#>-]*$/;
/** A time window the agent chose ("the past 30 days", "30 days ago"): a parameter, not a fact. */
const WINDOW_BEFORE = /\b(?:past|last|next|previous|within|every|over)\s+$/i;
const TIME_UNIT_AFTER = /^\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/i;
const AGO_AFTER = /^\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b/i;
/** A name with an ampersand before the number ("S&P 500", "AT&T 5"): part of a name. */
const AMPERSAND_NAME_BEFORE = /(?:^|[\s(])[A-Z][A-Za-z]*&[A-Za-z]+\s$/;

/** Whitespace character codes that can end or precede a word (space, tab, newlines, nbsp). */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160;
}

/** Whether `ch` occurs among the `span` characters before `start` (a bounded look back). */
function occursBefore(text: string, start: number, ch: number, span: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - span; i--) if (text.charCodeAt(i) === ch) return true;
  return false;
}

/**
 * Numbers that name or order something rather than state a quantity: a list item's
 * number, a time window the agent picked ("the past 30 days", "30 days ago"), an index
 * name with an ampersand ("S&P 500"). Tool outputs are scanned through here, so the
 * characters next to the number decide cheaply whether any pattern can apply before a
 * neighbourhood is cut out and matched.
 */
function namesNoQuantity(text: string, start: number, end: number): boolean {
  const next = text.charCodeAt(end);
  if ((next === 46 || next === 41) && isSpace(text.charCodeAt(end + 1))) {
    if (LINE_START_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return true;
  }
  if (isSpace(next)) {
    const after = text.slice(end, end + 24);
    if (AGO_AFTER.test(after)) return true;
    if (TIME_UNIT_AFTER.test(after) && WINDOW_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return true;
  }
  if (start > 0 && isSpace(text.charCodeAt(start - 1)) && occursBefore(text, start, 38 /* & */, 24)) {
    return AMPERSAND_NAME_BEFORE.test(text.slice(Math.max(0, start - 24), start));
  }
  return false;
}

/** Worth checking: not a small integer (counts, list markers, exit codes). */
function significant(v: number): boolean {
  return !(Number.isInteger(v) && Math.abs(v) < 10);
}

/** v rounded to p significant digits, computed so the result equals the parsed decimal (21/10 === 2.1). */
function roundSig(v: number, p: number): number {
  if (v === 0) return 0;
  const k = p - 1 - Math.floor(Math.log10(Math.abs(v)));
  if (k >= 0) {
    const m = 10 ** k;
    return Math.round(v * m) / m;
  }
  const d = 10 ** -k;
  return Math.round(v / d) * d;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.005 * Math.abs(b), 0.005);
}

/**
 * Numbers the agent was shown. Texts are queued and only scanned when a claim needs
 * checking, so runs without claims (coding runs) pay nothing.
 */
class GroundTruth {
  private readonly exact = new Set<number>();
  private readonly recent: number[] = [];
  private pending: string[] = [];
  /** Texts already scanned: agents see the same output many times (re-reads, loops). */
  private readonly scanned = new Set<string>();

  add(text: string): void {
    if (text !== "") this.pending.push(text);
  }

  /**
   * Whether v was seen, or is one arithmetic step from two numbers among the recently seen
   * and `operands` (numbers the same message stated before it: "the original ($2749.56)
   * and the new one ($2530.72): a difference of $218.84").
   */
  grounded(v: number, operands: readonly number[] = []): boolean {
    this.flush();
    if (this.exact.has(v)) return true;
    const r = operands.length === 0 ? this.recent : [...this.recent, ...operands];
    for (let i = 0; i < r.length; i++) {
      const a = r[i]!;
      for (let j = 0; j < r.length; j++) {
        const b = r[j]!;
        if (i !== j && (close(a + b, v) || close(a - b, v) || close(a * b, v) || (b !== 0 && (close(a / b, v) || close(((a - b) / b) * 100, v) || close((a / b) * 100, v))))) return true;
      }
    }
    return false;
  }

  /** A number the agent derived from grounded ones: later messages may repeat it. */
  accept(v: number): void {
    this.exact.add(v);
  }

  private flush(): void {
    const record = (value: number): void => {
      if (!significant(value) || this.exact.has(value)) return;
      this.exact.add(value);
      // A claim may round what it read: 2.134 grounds 2.13 and 2.1.
      this.exact.add(roundSig(value, 2));
      this.exact.add(roundSig(value, 3));
      this.recent.push(value);
    };
    for (const text of this.pending) {
      if (this.scanned.has(text)) continue;
      this.scanned.add(text);
      scanNumbers(text, record);
    }
    this.pending = [];
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
  }
}

/** Tools that run code: their arguments are programs, not claims about the world. */
const CODE_TOOLS = /(?:python|interpreter|code|execute|exec|notebook|jupyter|repl)/i;

/** Fenced (```...```) and tagged (<code>...</code>) code removed: code is not a claim. Linear: one indexOf scan. */
export function withoutCode(text: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const fence = text.indexOf("```", at);
    const tag = text.indexOf("<code>", at);
    const start = fence < 0 ? tag : tag < 0 ? fence : Math.min(fence, tag);
    if (start < 0) return out + text.slice(at);
    const close = start === fence ? "```" : "</code>";
    const end = text.indexOf(close, start + (start === fence ? 3 : 6));
    out += text.slice(at, start) + " ";
    if (end < 0) return out;
    at = end + close.length;
  }
}

function isCodingStep(step: StepModel): boolean {
  return step.actions.some((a) => a.command !== null || a.edit !== null || a.kind === "change");
}

/**
 * Arguments of a step's actions that can carry claims (a calculator expression, a refund
 * amount, an email body); lookups (search, fetch, get, read) ask questions, so their
 * arguments are skipped.
 */
function actionArgs(step: StepModel): string {
  return step.actions
    .filter((a) => !isLookupTool(a.tool) && !CODE_TOOLS.test(a.tool) && a.command === null)
    .map((a) => a.signature.slice(a.signature.indexOf("(") + 1, -1))
    .join("\n");
}

/** Longest decision text compared with its lookup's arguments. */
const REQUEST_CHARS = 2_000;

/**
 * The decision's text outside code, unless it is what the step's lookup was asked: a
 * browsing agent's report "I typed 'pizza 2024' into 'Search 2,000 places'" is its
 * request to the browser (the importer makes it the browser call's argument), and the
 * numbers in it name what it typed and clicked, not facts it claims.
 */
function claimedText(step: StepModel): string {
  const t = step.llmText.trim();
  if (t === "") return "";
  if (t.length <= REQUEST_CHARS) {
    const asArgument = JSON.stringify(t).slice(1, -1);
    if (step.actions.some((a) => isLookupTool(a.tool) && a.signature.includes(asArgument))) return "";
  }
  return withoutCode(step.llmText);
}

/** Messages the decision was given that can ground a claim: all non-assistant ones of the first call, then only those after the last assistant turn. */
function givenText(span: NormalizedSpan, first: boolean): string {
  const msgs = contentMessages(span.input);
  if (msgs.length === 0) return contentText(span.input);
  let from = 0;
  if (!first) for (let k = msgs.length - 1; k >= 0; k--) if (msgs[k]!.role === "assistant") { from = k + 1; break; }
  return msgs.slice(from).filter((m) => m.role !== "assistant").map((m) => m.content).join("\n");
}

/** Adds ungrounded-claim and carried-claim evidence. */
export function groundingSignal(ctx: OnsetContext): void {
  if (!ctx.failed) return;
  const { spans, roots } = ctx.model.index;
  const truth = new GroundTruth();
  for (const r of roots) truth.add(contentText(spans[r]!.input));
  // Ungrounded numbers, and numbers a tool computed from them (taint), followed forward.
  type Claim = { raw: string; value: number; step: StepModel; carriers: number; derived: boolean };
  const claims: Claim[] = [];
  const claimByValue = new Map<number, Claim>();
  const track = (c: Claim): void => {
    claims.push(c);
    claimByValue.set(c.value, c);
  };
  const claimed = new Set<number>();
  let firstDecision = true;
  for (const step of ctx.steps) {
    if (step.llm >= 0) {
      truth.add(givenText(spans[step.llm]!, firstDecision));
      firstDecision = false;
    }
    const coding = isCodingStep(step);
    const numbers = claims.length > 0 || !coding ? numbersIn(`${claimedText(step)}\n${actionArgs(step)}`) : [];
    const usedHere = new Set<number>();
    // Carried: an earlier ungrounded number (or one computed from it) repeated here.
    const carriedHere = new Set<number>();
    for (const n of numbers) {
      const c = claimByValue.get(n.value);
      if (c === undefined || c.step === step || c.carriers >= MAX_CARRIERS || carriedHere.has(n.value)) continue;
      carriedHere.add(n.value);
      c.carriers++;
      usedHere.add(n.value);
      const origin = c.derived ? `computed from an ungrounded number at ${stepName(c.step)}` : `an ungrounded number first stated at ${stepName(c.step)}`;
      ctx.board.add(step, "incorrect", { kind: "carried-claim", text: `repeats ${c.raw}, ${origin}`, spanIds: pointAt(ctx, step), weight: CARRIED_WEIGHT });
      ctx.board.add(step, "affected", { kind: "carried-claim", text: `builds on ${c.raw} from ${stepName(c.step)}`, spanIds: pointAt(ctx, step), weight: 0 });
    }
    if (!coding) {
      const seenHere = new Set<number>();
      const operands: number[] = [];
      const fresh = numbers.filter((n) => {
        if (!significant(n.value) || claimed.has(n.value) || seenHere.has(n.value)) return false;
        seenHere.add(n.value);
        if (!truth.grounded(n.value, operands)) return true;
        truth.accept(n.value);
        if (operands.length < MAX_OPERANDS) operands.push(n.value);
        return false;
      });
      if (fresh.length > 0) {
        for (const n of fresh) {
          claimed.add(n.value);
          usedHere.add(n.value);
          if (claims.length < MAX_CLAIMS) track({ raw: n.raw, value: n.value, step, carriers: 0, derived: false });
        }
        ctx.board.add(step, "incorrect", {
          kind: "ungrounded-claim",
          text: `states ${fresh.slice(0, 3).map((n) => n.raw).join(", ")}, found in no tool result or input before it and not derivable from them`,
          spanIds: pointAt(ctx, step),
          weight: CLAIM_WEIGHT,
        });
      }
    }
    for (const a of step.actions) {
      truth.add(a.output);
      if (a.error !== null) truth.add(a.error.text);
      // A tool fed an ungrounded number returns tainted numbers (calculator(2649 - 1307) -> 1342).
      if (usedHere.size > 0 && numbersIn(a.signature).some((n) => usedHere.has(n.value))) {
        for (const n of numbersIn(a.output)) {
          if (!significant(n.value) || claimed.has(n.value) || claims.length >= MAX_CLAIMS) continue;
          claimed.add(n.value);
          track({ raw: n.raw, value: n.value, step, carriers: 0, derived: true });
        }
      }
    }
  }
}

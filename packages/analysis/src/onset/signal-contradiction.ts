/**
 * A step contradicting an earlier observation: the agent says a record a tool described
 * (an order, ticket, job, pull request, booking: named by the id the tool returned) is in
 * a state other than the one the latest tool result about it gave ("orders #W4967593 and
 * #W5733668 are delivered" after get_order_details said #W4967593 is "processed"), or
 * that it lacks something the record has ("does not have a tracking number" when its
 * fulfillment carried a tracking_id).
 *
 * Facts come from JSON tool results: each object's first id-like field names the entity,
 * its `status`/`state` fields (any `*_status`, `*_state`) its state, its non-empty fields
 * (and those of nested objects without an id of their own) what it has. A state claim is
 * a state word (a participle or state adjective, in the run's vocabulary for that field
 * or a common lifecycle state) asserted next to the id ("is", "has been", "(delivered)",
 * "delivered orders (#…"), in a line with no negation or condition ("not yet delivered",
 * "once delivered"). Later steps acting on the entity (its id in their arguments) carry
 * the mistaken belief.
 *
 * Bounded: only results naming an id some step asserts something of are parsed (at most
 * 8 MB per run), and tokens are looked up in a map of known ids.
 */
import type { StepModel } from "../steps/step-model";
import { pointAt, stepName, type OnsetContext } from "./onset-context";
import { parseResult } from "./json-result";
import { withoutCode } from "./signal-grounding";

/** Weight of a contradicted observation (a record's state or field, or a miscounted listing). */
export const CONTRADICTION_WEIGHT = 0.55;
/** Most characters of tool results parsed per run: a bound on the pass, whatever the run. */
const MAX_PARSED_CHARS = 8_000_000;
/** Most objects walked per result. */
const MAX_OBJECTS = 2_000;
/** Most contradictions reported per run (each marks at most MAX_AFFECTED later steps). */
const MAX_FOUND = 20;
/** Most later steps marked as acting on a contradicted belief. */
const MAX_AFFECTED = 3;
const ID_KEY = /^(?:id|ID|Id|uuid|key|[A-Za-z0-9]+[_-](?:id|ID|uuid|number|no|key)|[a-z0-9]+(?:Id|ID|Uuid|Number|Key))$/;
const STATE_KEY = /^(?:status|state)$|[_-](?:status|state)$/i;
const NEGATED = /\b(?:not|no longer|never|yet|n['’]t|cannot|once|until|unless|if|when|after|before|instead of|rather than|only)\b|n['’]t\b/i;
const TOKEN = /#?[A-Za-z0-9][A-Za-z0-9_-]{3,}/g;

/** What a tool result said about an entity: a state field's value, or that a field has a value. */
interface Fact {
  kind: "state" | "present";
  /** The field's name as the tool wrote it. */
  field: string;
  /** Stem of the observed state (state facts). */
  stem: string;
  /** The observed value (state facts). */
  raw: string;
  step: StepModel;
  tool: string;
}

/** A state word's stem: lowercase, one inflection dropped (delivered/delivery/deliver). */
export function stateStem(word: string): string {
  const w = word.toLowerCase().replace(/ll/g, "l");
  const m = /^(.{4,}?)(?:ing|ed|ion|es|s|y|e)$/.exec(w);
  return m === null ? w : m[1]!;
}

/** Values that say a field is empty ("backlight": "none"). */
const EMPTY_VALUE = /^(?:|none|null|nil|n\/a|na|no|false|0|-|unknown)$/i;

function hasValue(x: unknown): boolean {
  if (x === null || x === undefined || x === false || x === 0) return false;
  if (typeof x === "string") return !EMPTY_VALUE.test(x.trim());
  if (Array.isArray(x)) return x.some(hasValue);
  return typeof x !== "object" || Object.keys(x).length > 0;
}

/** The words of a field name that say what it holds ("tracking_id" -> tracking; "paymentMethods" -> payment, method). */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4 && !GENERIC_KEY_WORDS.has(w))
    .map(stateStem);
}
const GENERIC_KEY_WORDS = new Set(["uuid", "number", "value", "data", "info", "details", "list", "items", "type", "name", "count"]);

function firstWord(value: string): string | null {
  const m = /^[A-Za-z][A-Za-z-]{2,}/.exec(value.trim());
  return m === null ? null : m[0];
}

/** The string id an object names itself by: its first id-like field. */
function ownId(o: Record<string, unknown>): string | null {
  for (const [k, x] of Object.entries(o)) {
    if (ID_KEY.test(k) && (typeof x === "string" || typeof x === "number") && String(x).length >= 4) return String(x).replace(/^#/, "");
  }
  return null;
}

/**
 * Records the state fields of every object in a parsed tool result under its own id, and
 * which fields it has a value for (its own, and those of nested objects without an id of
 * their own: an order's fulfillments' tracking_id is the order's).
 */
function collectFacts(value: unknown, step: StepModel, tool: string, facts: Map<string, Map<string, Fact>>, vocab: Map<string, Set<string>>): void {
  let budget = MAX_OBJECTS;
  const visit = (v: unknown, present: string[] | null): void => {
    if (budget-- <= 0 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, present);
      return;
    }
    const o = v as Record<string, unknown>;
    const id = ownId(o);
    const mine = id === null ? present : [];
    const states: [string, string][] = [];
    for (const [k, x] of Object.entries(o)) {
      if (mine !== null && hasValue(x)) mine.push(k);
      if (x !== null && typeof x === "object") visit(x, mine);
      else if (STATE_KEY.test(k) && typeof x === "string" && x.length <= 40) states.push([k.toLowerCase(), x]);
    }
    if (id === null) return;
    let byField = facts.get(id);
    if (byField === undefined) facts.set(id, (byField = new Map()));
    for (const key of mine!) for (const word of keyWords(key)) byField.set(`has:${word}`, { kind: "present", field: key, stem: word, raw: "", step, tool });
    for (const [field, raw] of states) {
      const word = firstWord(raw);
      if (word === null) continue;
      const stem = stateStem(word);
      byField.set(field, { kind: "state", field, stem, raw, step, tool });
      let words = vocab.get(field);
      if (words === undefined) vocab.set(field, (words = new Set()));
      words.add(stem);
    }
  };
  visit(value, null);
}

interface Contradiction {
  id: string;
  /** What the step said, as a clause: `is "delivered"`, `has no "tracking number"`. */
  said: string;
  fact: Fact;
}

/** The sentence an evidence shows. */
function describe(c: Contradiction): string {
  const observed = c.fact.kind === "state" ? `gave its ${c.fact.field} as "${c.fact.raw}"` : `returned its ${c.fact.field}`;
  return `says ${c.id} ${c.said}, but ${c.fact.tool} at ${stepName(c.fact.step)} ${observed}`;
}

/**
 * Lifecycle states agents commonly assert, beside the ones the run's tools used: a claim
 * may name a state no tool in the run happened to return ("delivered" when every order
 * seen was pending or processed).
 */
const LIFECYCLE = new Set(
  "pending processing processed shipped delivered cancelled canceled returned refunded exchanged completed open closed merged resolved failed succeeded active inactive expired approved rejected declined paid unpaid confirmed booked scheduled running stopped archived deleted suspended"
    .split(" ")
    .map(stateStem),
);
/** "#W123 is delivered", "#W123 and #W456 have already been cancelled", "#W123 status: open". */
const AFTER_ID = /^\W{0,3}(?:\s*\([^)]{0,40}\))?(?:\s*(?:,|and|or)\s+#?[A-Za-z0-9][A-Za-z0-9_-]{3,}\W{0,2})*\s*(?:is|are|was|were|has been|have been|status(?: is)?:?|shows as|marked as|shows|-|–|—)\s+(?:(?:already|now|currently|still|been|in|as|the|a)\s+){0,2}([A-Za-z][A-Za-z-]{2,})/i;
/** "#W123 (delivered)". */
const PAREN_AFTER_ID = /^\s*\(([A-Za-z][A-Za-z-]{2,})\)/;
/** "Delivered orders (#W123", "the pending order #W123": a state word, at most one noun, the id. */
const BEFORE_ID = /\b([A-Za-z][A-Za-z-]{2,})\s+(?:[A-Za-z]+\s+)?\(?#?$/;
/** Words that can only be a state here: participles ("delivered") and state adjectives; not "refund", "cancel", "canceling". */
const STATE_WORD = /^(?:[a-z-]{3,}ed|pending|processing|running|open|active|inactive|paid|unpaid|complete)$/i;

/** The state a line asserts for the id mentioned at [at, end), if any. */
function assertedState(line: string, at: number, end: number): string | null {
  const after = line.slice(end, end + 60);
  const m = PAREN_AFTER_ID.exec(after) ?? AFTER_ID.exec(after) ?? BEFORE_ID.exec(line.slice(Math.max(0, at - 40), at));
  return m === null || !STATE_WORD.test(m[1]!) ? null : m[1]!;
}

/** "#W123 does not have a tracking number", "no reviewers on PR 42": the thing said to be missing. */
const DENIED = /\b(?:has no|have no|had no|with no|without|lacks?|lacking|missing|(?:does|do|did) ?n[o'’]t have|(?:is|are|was|were) ?n[o'’]t (?:any|given|assigned)|no)\s+(?:an?\s+|any\s+)?([a-z]{4,})(?:\s+([a-z]{4,}))?/i;

/** A line saying an entity lacks something its record has ("does not have a tracking number" vs a non-empty tracking_id). */
function deniedPresence(line: string, id: string, byField: Map<string, Fact>): Contradiction | null {
  const m = DENIED.exec(line);
  if (m === null) return null;
  const fact = byField.get(`has:${stateStem(m[1]!)}`);
  return fact === undefined ? null : { id, said: `has no "${[m[1], m[2]].filter(Boolean).join(" ")}"`, fact };
}

/** The first contradiction in a step's text, given the facts observed before it. */
function contradictionIn(text: string, facts: Map<string, Map<string, Fact>>, vocab: Map<string, Set<string>>): Contradiction | null {
  for (const line of withoutCode(text).split(/\n|(?<=[.!?])\s+/)) {
    if (line.length < 8) continue;
    const negated = NEGATED.test(line);
    for (const m of line.matchAll(TOKEN)) {
      const id = m[0].replace(/^#/, "");
      const byField = facts.get(id);
      if (byField === undefined) continue;
      const denied = deniedPresence(line, id, byField);
      if (denied !== null) return denied;
      if (negated) continue;
      const said = assertedState(line, m.index, m.index + m[0].length);
      if (said === null) continue;
      const stem = stateStem(said);
      for (const fact of byField.values()) {
        if (fact.kind !== "state" || stem === fact.stem || !(LIFECYCLE.has(stem) || vocab.get(fact.field)?.has(stem) === true)) continue;
        return { id, said: `is "${said}"`, fact };
      }
    }
  }
  return null;
}

/** A step that contradicted an earlier observation, and what it said. */
export interface FoundContradiction {
  step: StepModel;
  id: string;
  said: string;
  /** One sentence: what the step said and what the tool had returned. */
  text: string;
}

/** Texts of a step that may state facts: the decision's text without code, clipped. */
function claimText(step: StepModel): string {
  return step.llmText === "" ? "" : withoutCode(step.llmText.slice(0, 16_384));
}

const claimTextsOf = new WeakMap<readonly StepModel[], string[]>();

/** Each step's claim text (its decision's text without code, clipped), computed once per run model. */
export function claimTexts(steps: readonly StepModel[]): string[] {
  let texts = claimTextsOf.get(steps);
  if (texts === undefined) claimTextsOf.set(steps, (texts = steps.map(claimText)));
  return texts;
}

/** Most ids followed per run (the earliest asserted ones). */
const MAX_IDS = 64;

/**
 * Id-like tokens (with a digit) that some step's text asserts a state or an absence of:
 * only tool results naming one are parsed.
 */
function assertedIds(texts: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const text of texts) {
    if (text === "") continue;
    for (const line of text.split(/\n|(?<=[.!?])\s+/)) {
      if (line.length < 8) continue;
      const denies = DENIED.test(line);
      for (const m of line.matchAll(TOKEN)) {
        if (!/\d/.test(m[0]) || (!denies && assertedState(line, m.index, m.index + m[0].length) === null)) continue;
        ids.add(m[0].replace(/^#/, ""));
        if (ids.size >= MAX_IDS) return ids;
      }
    }
  }
  return ids;
}

const found = new WeakMap<readonly StepModel[], FoundContradiction[]>();

/**
 * Every step whose text contradicts an earlier tool result about an entity it names, in
 * run order (computed once per run model). Tool results are parsed only when they name
 * an id some step's text mentions, so runs that state nothing about records pay nothing.
 */
export function findContradictions(steps: readonly StepModel[]): FoundContradiction[] {
  const cached = found.get(steps);
  if (cached !== undefined) return cached;
  const out: FoundContradiction[] = [];
  const texts = claimTexts(steps);
  const ids = [...assertedIds(texts)];
  const facts = new Map<string, Map<string, Fact>>();
  const vocab = new Map<string, Set<string>>();
  let budget = MAX_PARSED_CHARS;
  if (ids.length > 0) {
    for (const [k, step] of steps.entries()) {
      if (facts.size > 0) {
        const text = texts[k]!;
        const c = text === "" ? null : contradictionIn(text, facts, vocab);
        if (c !== null && out.push({ step, id: c.id, said: c.said, text: describe(c) }) >= MAX_FOUND) break;
      }
      for (const a of step.actions) {
        if (!a.ok || a.output.length > budget || !ids.some((id) => a.output.includes(id))) continue;
        budget -= a.output.length;
        const parsed = parseResult(a.output);
        if (parsed !== undefined) collectFacts(parsed, step, a.tool, facts, vocab);
      }
    }
  }
  found.set(steps, out);
  return out;
}

/** Adds contradicted-observation evidence, and marks later steps that acted on the contradicted entity. */
export function contradictionSignal(ctx: OnsetContext): void {
  const all = findContradictions(ctx.model.steps);
  for (const c of all) ctx.board.add(c.step, "incorrect", { kind: "contradicted-observation", text: c.text, spanIds: pointAt(ctx, c.step), weight: CONTRADICTION_WEIGHT });
  for (const c of all) {
    let marked = 0;
    for (const step of ctx.steps) {
      if (step.index <= c.step.index || marked >= MAX_AFFECTED) continue;
      if (!step.actions.some((a) => a.signature.includes(c.id))) continue;
      marked++;
      ctx.board.add(step, "affected", { kind: "contradicted-observation", text: `acts on ${c.id}, of which ${stepName(c.step)} wrongly said it ${c.said}`, spanIds: pointAt(ctx, step), weight: 0 });
    }
  }
}

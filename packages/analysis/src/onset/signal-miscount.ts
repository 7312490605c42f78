/**
 * A count that contradicts the observation it sums up: the agent states how many things
 * the latest tool result listed ("there are 11 available T-shirt options") and the
 * result says otherwise (10 variants with `available: true`). Agents misread lists often
 * (τ-bench's labels call it misinterpretation of tool output), and a wrong total shapes
 * everything the user decides next.
 *
 * Only totals are read: the count must follow "there are", "we have", "a total of" (not
 * "for the color red, there are two …", a subset), its words may only be the boolean
 * field it counts by ("available"), the listed things' own name ("T-shirt") or a plain
 * noun, and the number must match no view of the list at all (its size, or how many
 * members have any boolean field true or false). The list is the latest JSON tool result
 * before the statement: an array of objects, or an object whose values are all objects
 * (a map keyed by id), of at least two members.
 *
 * Bounded: a result is parsed only when a step with such a statement follows it, once,
 * at most 200 KB each (parseResult) and 8 MB per run, walking at most 2,000 objects.
 */
import type { StepModel } from "../steps/step-model";
import { pointAt, stepName, type OnsetContext } from "./onset-context";
import { parseResult } from "./json-result";
import { CONTRADICTION_WEIGHT, claimTexts } from "./signal-contradiction";

const MAX_PARSED_CHARS = 8_000_000;
const MAX_OBJECTS = 2_000;
const MAX_FOUND = 10;

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20 };
/** "there are 11 available T-shirt options": the lead, the number, up to three words, a plural noun. */
const TOTAL_CLAIM = /\b(?:there (?:are|were)|we (?:currently )?have|(?:a )?total of|in total,?)\s+(?<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?<words>(?:[A-Za-z][\w-]*\s+){0,3}?)(?<noun>[A-Za-z][\w-]*s)\b/gi;
/** A lead that narrows the list before the count ("For the color red, there are two …"). */
const NARROWED = /\b(?:for|with|among|between|in the|of the|under|over|below|above|within|from)\b/i;
/** Nouns that name the members of any list. */
const PLAIN_NOUNS = new Set(["option", "variant", "item", "result", "entry", "record", "choice", "product", "model", "version", "type", "kind"]);

/** A list in a tool result: its key, size, and the true/false counts of each boolean field of its members. */
interface Listing {
  /** What the members are called: the key holding them, else "results" (a top-level list). */
  key: string;
  /** Stems of the words of that key, or of the tool's name for a top-level list ("list_issues": list, issue). */
  keyStems: Set<string>;
  size: number;
  /** The members' container object's `name`, when it has one ("T-Shirt"). */
  name: string;
  bools: Map<string, { yes: number; no: number }>;
}

/** A stated total that no view of the listed result matches. */
export interface FoundMiscount {
  step: StepModel;
  /** One sentence: what the step said and what the tool had listed. */
  text: string;
}

function stem(word: string): string {
  const w = word.toLowerCase();
  return w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.replace(/(?:es|s)$/, "");
}

/** Every list of two or more objects in a parsed result. */
function listings(value: unknown, tool: string): Listing[] {
  const out: Listing[] = [];
  let budget = MAX_OBJECTS;
  const visit = (v: unknown, key: string, name: string, depth: number): void => {
    if (depth > 6 || budget-- <= 0 || v === null || typeof v !== "object") return;
    const members = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    const objects = members.filter((x): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x));
    if (objects.length >= 2 && objects.length === members.length) {
      const bools = new Map<string, { yes: number; no: number }>();
      for (const o of objects) {
        for (const [k, x] of Object.entries(o)) {
          if (typeof x !== "boolean") continue;
          const b = bools.get(k) ?? { yes: 0, no: 0 };
          if (x) b.yes++;
          else b.no++;
          bools.set(k, b);
        }
      }
      const top = depth === 0;
      const keyStems = new Set(key.replace(/([a-z])([A-Z])/g, "$1 $2").split(/[^A-Za-z]+/).filter(Boolean).map(stem));
      out.push({ key: top ? "results" : key, keyStems, size: objects.length, name, bools });
    }
    const ownName = !Array.isArray(v) && typeof (v as Record<string, unknown>).name === "string" ? ((v as Record<string, unknown>).name as string) : name;
    if (Array.isArray(v)) for (const x of v) visit(x, key, ownName, depth + 1);
    else for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, k, ownName, depth + 1);
  };
  visit(value, tool, "", 0);
  return out;
}

/** The count a claim's words say they take of a listing, or null when they are not about it. */
function countedBy(listing: Listing, words: string[], noun: string): { expected: number; how: string } | null {
  const nameWords = new Set(listing.name.toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean));
  let by: string | null = null;
  for (const w of words) {
    const field = [...listing.bools.keys()].find((f) => f.toLowerCase() === w);
    if (field !== undefined) by = field;
    else if (!nameWords.has(w)) return null; // a word that narrows the list ("nonstop")
  }
  const n = stem(noun);
  if (by !== null) return { expected: listing.bools.get(by)!.yes, how: `${listing.bools.get(by)!.yes} of its ${listing.size} ${listing.key} with ${by}: true` };
  if (PLAIN_NOUNS.has(n) || listing.keyStems.has(n) || nameWords.has(n)) return { expected: listing.size, how: `${listing.size} ${listing.key}` };
  return null;
}

/** The first stated total in a text that contradicts the listings, as a sentence. */
function miscountIn(text: string, lists: readonly Listing[], source: string): string | null {
  for (const line of text.split(/\n|(?<=[.!?])\s+/)) {
    for (const m of line.matchAll(TOTAL_CLAIM)) {
      if (NARROWED.test(line.slice(0, m.index))) continue;
      const raw = m.groups!.n!.toLowerCase();
      const n = NUMBER_WORDS[raw] ?? Number(raw);
      const words = m.groups!.words!.trim().toLowerCase().split(/\s+/).filter(Boolean);
      for (const list of lists) {
        const counted = countedBy(list, words, m.groups!.noun!);
        if (counted === null) continue;
        const views = new Set([list.size, ...[...list.bools.values()].flatMap((b) => [b.yes, b.no])]);
        if (views.has(n)) continue;
        return `says "${m[0].trim()}", but ${source} listed ${counted.how}`;
      }
    }
  }
  return null;
}

const JSON_START = /^\s{0,16}[[{]/;
const found = new WeakMap<readonly StepModel[], FoundMiscount[]>();

/** Every step stating a total that the latest JSON tool result before it contradicts (computed once per run model). */
export function findMiscounts(steps: readonly StepModel[]): FoundMiscount[] {
  const cached = found.get(steps);
  if (cached !== undefined) return cached;
  const out: FoundMiscount[] = [];
  let latest: { output: string; tool: string; step: StepModel } | null = null;
  let parsedOf: string | null = null;
  let lists: Listing[] = [];
  let budget = MAX_PARSED_CHARS;
  const texts = claimTexts(steps);
  for (const [k, step] of steps.entries()) {
    const text = texts[k]!;
    if (latest !== null && text !== "") {
      if (text.search(TOTAL_CLAIM) >= 0 && (parsedOf === latest.output || latest.output.length <= budget)) {
        if (parsedOf !== latest.output) {
          budget -= latest.output.length;
          const value = parseResult(latest.output);
          parsedOf = latest.output;
          lists = value === undefined ? [] : listings(value, latest.tool);
        }
        const said = miscountIn(text, lists, `${latest.tool} at ${stepName(latest.step)}`);
        if (said !== null && out.push({ step, text: said }) >= MAX_FOUND) break;
      }
    }
    for (const a of step.actions) if (a.ok && JSON_START.test(a.output)) latest = { output: a.output, tool: a.tool, step };
  }
  found.set(steps, out);
  return out;
}

/** Adds contradicted-observation evidence on each step stating a total its latest listing contradicts. */
export function miscountSignal(ctx: OnsetContext): void {
  for (const c of findMiscounts(ctx.model.steps)) ctx.board.add(c.step, "incorrect", { kind: "contradicted-observation", text: c.text, spanIds: pointAt(ctx, c.step), weight: CONTRADICTION_WEIGHT });
}

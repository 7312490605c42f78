/**
 * What role a span plays in the run-diff vocabulary beyond its SpanType: a hand-off (a
 * routing decision), a memory read or write, a tool operation. These are documented
 * heuristics (src/diff/README.md, "From spans to events"); producers that know better state
 * it with `onset.*` attributes, which always win.
 */
import { capClassifierInput } from "../actions/input-caps";
import { SHELL_TOOL_NAMES } from "../actions/shell-tools";
import type { NormalizedSpan } from "@onset/otlp";
import { attrNumber, attrString, firstAttrString, parseJsonObject } from "./span-reading";

/** Longest operation or entry-type word kept in a signature (longer ones are cut). */
const MAX_WORD = 40;

/** Lower-case, trim, spaces to underscores, cut: operation words must be stable tokens. */
export function normalizeWord(word: string): string {
  return word.trim().toLowerCase().replace(/\s+/g, "_").slice(0, MAX_WORD);
}

const QUOTE_CHARS = "\"'`";

/**
 * `word` without quote characters at either end. A loop, not `/["'`]+$/`: that regex
 * retries from every quote of a long run of quotes (quadratic on "x" + "'" * 60,000).
 */
function stripQuotes(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && QUOTE_CHARS.includes(word[start]!)) start++;
  while (end > start && QUOTE_CHARS.includes(word[end - 1]!)) end--;
  return word.slice(start, end);
}

/**
 * First word of a shell command: leading `VAR=value` assignments skipped, quotes stripped,
 * path reduced to its basename ("/usr/bin/git status" -> "git").
 */
export function commandFirstWord(command: string): string | null {
  const tokens = capClassifierInput(command).trim().split(/\s+/);
  for (const raw of tokens) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(raw)) continue;
    const unquoted = stripQuotes(raw);
    const base = unquoted.slice(unquoted.lastIndexOf("/") + 1);
    return base === "" ? null : normalizeWord(base);
  }
  return null;
}

/** The tool's name: its ToolInvocation name, else the span name without `execute_tool `. */
export function toolNameOf(span: NormalizedSpan): string {
  const name = span.tool?.name ?? span.name.replace(/^execute_tool\s+/, "");
  return name.trim() === "" ? "?" : name.trim();
}

/** Arguments as sent: the tool invocation's, else the span input when it is text or JSON. */
export function toolArgumentsOf(span: NormalizedSpan): string | null {
  if (span.tool?.arguments) return span.tool.arguments;
  const input = span.input;
  if (!input) return null;
  if (input.kind === "text") return input.text;
  if (input.kind === "json") return typeof input.value === "string" ? input.value : JSON.stringify(input.value);
  return null;
}

/**
 * The `<operation>` of `tool:<name>:<operation>:<ok|fail>`, first rule that applies:
 * 1. attribute `onset.tool.operation`;
 * 2. arguments (JSON object): field `operation`, `action`, `op` or `method` (the word itself),
 *    else field `command`/`cmd` (its first word; an argv array gives its first element);
 * 3. raw (non-JSON) arguments of a shell-like tool (bash, shell, run_command, ...): first word;
 * 4. otherwise "call".
 */
export function toolOperation(span: NormalizedSpan): string {
  const explicit = attrString(span, "onset.tool.operation");
  if (explicit) return normalizeWord(explicit);
  const rawArgs = toolArgumentsOf(span);
  const args = parseJsonObject(rawArgs);
  if (args) {
    for (const key of ["operation", "action", "op", "method"]) {
      const v = args[key];
      if (typeof v === "string" && v.trim() !== "") return normalizeWord(v);
    }
    for (const key of ["command", "cmd"]) {
      const v = args[key];
      if (typeof v === "string") {
        const w = commandFirstWord(v);
        if (w) return w;
      }
      if (Array.isArray(v) && typeof v[0] === "string") {
        const w = commandFirstWord(v[0]);
        if (w) return w;
      }
    }
    return "call";
  }
  if (rawArgs && SHELL_TOOL_NAMES.test(normalizeWord(toolNameOf(span)))) {
    return commandFirstWord(rawArgs) ?? "call";
  }
  return "call";
}

/**
 * Target agent when the span is a hand-off, else null: attribute `onset.handoff.to` (or
 * `gen_ai.handoff.to_agent`, `handoff.to_agent`), a span named "handoff to X" / "handoff: X",
 * or an OpenAI-Agents-style hand-off tool `transfer_to_<agent>`.
 */
export function handoffTarget(span: NormalizedSpan): string | null {
  const explicit = firstAttrString(span, ["onset.handoff.to", "gen_ai.handoff.to_agent", "handoff.to_agent"]);
  if (explicit) return explicit.trim();
  const named = /^handoff(?:\s+to)?\s*[:>-]?\s+(.+)$/i.exec(span.name.trim());
  if (named?.[1]) return named[1].trim();
  const toolName = span.tool?.name ?? (span.type === "tool" ? span.name : null);
  const transfer = toolName ? /^transfer_to_(.+)$/i.exec(toolName.trim()) : null;
  if (transfer?.[1]) return transfer[1];
  return null;
}

/** Words that make a memory operation a write (checked before the read words). */
const WRITE_WORDS = /(write|save|store|add|put|insert|upsert|update|remember|memorize|memorise|set|create|append)/;
/** Words that make a memory operation a read. */
const READ_WORDS = /(read|get|load|search|query|recall|fetch|retrieve|list|lookup|find)/;

/** Whether a span works on agent memory (names or attributes say so). */
function looksLikeMemory(span: NormalizedSpan): boolean {
  if (attrString(span, "onset.memory.operation")) return true;
  const name = (span.tool?.name ?? span.name).toLowerCase();
  if (/memor(y|ies)|mem0|^remember|^recall|^memori[sz]e/.test(name)) return true;
  return Object.keys(span.attributes).some((k) => k.startsWith("memory.") || k.startsWith("gen_ai.memory."));
}

/**
 * "read" or "write" when the span is a memory operation, else null. Explicit
 * `onset.memory.operation` wins; otherwise the tool operation, then the name, are searched
 * for write words, then read words; a memory span matching neither counts as a read.
 */
export function memoryOperation(span: NormalizedSpan): "read" | "write" | null {
  if (span.type === "llm" || span.type === "agent" || span.type === "retriever") return null;
  if (!looksLikeMemory(span)) return null;
  const explicit = attrString(span, "onset.memory.operation")?.toLowerCase();
  if (explicit === "read" || explicit === "write") return explicit;
  const operation = toolOperation(span);
  const name = (span.tool?.name ?? span.name).toLowerCase();
  for (const text of [operation, name]) {
    if (WRITE_WORDS.test(text)) return "write";
    if (READ_WORDS.test(text)) return "read";
  }
  return "read";
}

/** `<entry_type>` of a memory write: attribute, else an argument field, else "entry". */
export function memoryEntryType(span: NormalizedSpan): string {
  const explicit = firstAttrString(span, ["onset.memory.entry_type", "memory.entry_type", "memory.type"]);
  if (explicit) return normalizeWord(explicit);
  const args = parseJsonObject(toolArgumentsOf(span));
  for (const key of ["entry_type", "type", "kind", "category"]) {
    const v = args?.[key];
    if (typeof v === "string" && v.trim() !== "") return normalizeWord(v);
  }
  return "entry";
}

/** Numeric attribute among several keys (counts sent by producers). */
export function firstAttrNumber(span: NormalizedSpan, keys: readonly string[]): number | null {
  for (const k of keys) {
    const v = attrNumber(span, k);
    if (v !== null) return v;
  }
  return null;
}

/**
 * The tool definitions and request parameters a replay needs, read from what the spans
 * recorded: `gen_ai.tool.definitions` (OTel GenAI), `llm.tools.N.tool.json_schema`
 * (OpenInference), `llm.request.functions.N.*` (OpenLLMetry); tools seen only in calls
 * get a definition inferred from their arguments. Parameters come from
 * `gen_ai.request.*` and `llm.invocation_parameters`. All of it is untrusted text: bad
 * JSON and odd shapes are skipped, never thrown.
 */
import type { AttrValue, Attributes, NormalizedSpan } from "@onset/otlp";
import type { OpenAITool } from "../schema/replay-schema";

type Json = unknown;

function isRecord(v: Json): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JSON attribute value: parsed when it is a string holding JSON, else as is. */
function jsonValue(v: unknown): Json {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) return v;
  try {
    return JSON.parse(t) as Json;
  } catch {
    return undefined;
  }
}

/** One tool definition in any of the usual shapes as an OpenAI tool, or null. */
function toTool(raw: Json): OpenAITool | null {
  if (!isRecord(raw)) return null;
  const fn = isRecord(raw.function) ? raw.function : raw;
  const name = typeof fn.name === "string" ? fn.name.trim() : "";
  if (!name) return null;
  const params = [fn.parameters, fn.input_schema, fn.inputSchema, fn.json_schema].map(jsonValue).find(isRecord);
  const description = typeof fn.description === "string" ? fn.description : undefined;
  return {
    type: "function",
    function: { name, ...(description !== undefined ? { description } : {}), parameters: params ?? { type: "object", properties: {} } },
  };
}

/** Values of keys `<prefix>N.<field>` grouped by N, in index order. */
function indexed(attrs: Attributes, prefix: string): Map<string, AttrValue>[] {
  const groups = new Map<number, Map<string, AttrValue>>();
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d+)\.(.+)$/.exec(key.slice(prefix.length));
    if (!m) continue;
    const n = Number(m[1]);
    if (!groups.has(n)) groups.set(n, new Map());
    groups.get(n)!.set(m[2]!, value);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/** The tool definitions one span's attributes record. */
function recordedTools(attrs: Attributes): OpenAITool[] {
  const found: Json[] = [];
  const defs = jsonValue(attrs["gen_ai.tool.definitions"]);
  if (Array.isArray(defs)) found.push(...defs);
  const oi = jsonValue(attrs["llm.tools"]);
  if (Array.isArray(oi)) found.push(...oi.map((t) => (isRecord(t) && isRecord(t.tool) ? jsonValue(t.tool.json_schema) : t)));
  for (const g of indexed(attrs, "llm.tools.")) found.push(jsonValue(g.get("tool.json_schema")));
  for (const g of indexed(attrs, "llm.request.functions.")) {
    found.push({ name: g.get("name"), description: g.get("description"), parameters: jsonValue(g.get("parameters")) });
  }
  return found.map(toTool).filter((t): t is OpenAITool => t !== null);
}

function jsonType(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v === "object" ? "object" : typeof v;
}

/** A definition for a tool seen only in calls: an object of the argument keys and value types of its first parsable call. */
function inferredTool(name: string, args: (string | null)[]): OpenAITool {
  for (const a of args) {
    if (a === null) continue;
    const parsed = jsonValue(a);
    if (!isRecord(parsed)) continue;
    const properties = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, { type: jsonType(v) }]));
    return { type: "function", function: { name, description: "Inferred from the calls seen in the run (no definition was recorded).", parameters: { type: "object", properties } } };
  }
  return {
    type: "function",
    function: { name, description: "Inferred from the calls seen in the run (no definition was recorded).", parameters: { type: "object", properties: {} } },
  };
}

/** Every tool the run's spans define or call: recorded definitions first, then inferred ones (named in `inferred`). */
export function collectTools(spans: readonly NormalizedSpan[]): { tools: OpenAITool[]; inferred: string[] } {
  const tools = new Map<string, OpenAITool>();
  for (const s of spans) for (const t of recordedTools(s.attributes)) if (!tools.has(t.function.name)) tools.set(t.function.name, t);
  const calls = new Map<string, (string | null)[]>();
  const seen = (name: string, args: string | null) => {
    if (!name || tools.has(name)) return;
    if (!calls.has(name)) calls.set(name, []);
    calls.get(name)!.push(args);
  };
  for (const s of spans) {
    if (s.type === "tool" && s.tool) seen(s.tool.name, s.tool.arguments);
    if (s.output?.kind === "messages") for (const m of s.output.messages) for (const c of m.toolCalls ?? []) seen(c.name, c.arguments);
  }
  const inferred = [...calls.keys()];
  for (const name of inferred) tools.set(name, inferredTool(name, calls.get(name)!));
  return { tools: [...tools.values()], inferred };
}

/** OpenAI parameter name of each recorded key. */
const GEN_AI_PARAMS: Record<string, string> = {
  "gen_ai.request.temperature": "temperature",
  "gen_ai.request.top_p": "top_p",
  "gen_ai.request.top_k": "top_k",
  "gen_ai.request.max_tokens": "max_tokens",
  "gen_ai.request.frequency_penalty": "frequency_penalty",
  "gen_ai.request.presence_penalty": "presence_penalty",
  "gen_ai.request.seed": "seed",
  "gen_ai.request.stop_sequences": "stop",
  "gen_ai.request.choice.count": "n",
};
const INVOCATION_PARAMS = new Set([
  "temperature",
  "top_p",
  "top_k",
  "max_tokens",
  "max_completion_tokens",
  "frequency_penalty",
  "presence_penalty",
  "seed",
  "stop",
  "n",
  "reasoning_effort",
  "tool_choice",
  "parallel_tool_calls",
]);

type Param = number | string | boolean | string[];

/** Parameters OpenAI takes only as numbers. */
const NUMERIC = new Set(["temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "frequency_penalty", "presence_penalty", "seed", "n"]);

function paramValue(name: string, v: Json): Param | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (NUMERIC.has(name)) return undefined;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  return undefined;
}

/** The request parameters one span recorded, under OpenAI's names. */
export function requestParameters(span: NormalizedSpan): Record<string, Param> {
  const out: Record<string, Param> = {};
  const invocation = jsonValue(span.attributes["llm.invocation_parameters"]);
  if (isRecord(invocation)) {
    for (const [k, v] of Object.entries(invocation)) {
      const p = INVOCATION_PARAMS.has(k) ? paramValue(k, v) : undefined;
      if (p !== undefined) out[k] = p;
    }
  }
  for (const [key, name] of Object.entries(GEN_AI_PARAMS)) {
    const p = paramValue(name, span.attributes[key]);
    if (p !== undefined) out[name] = p;
  }
  return out;
}

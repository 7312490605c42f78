import type { AttrValue, ChatMessage, ToolCallRequest } from "../normalized-span";
import { asJsonText, isRecord } from "./attribute-values";

/**
 * One converter for every chat-message shape seen in the wild, so each mapper only
 * has to find the messages, not re-learn their shape:
 * - OTel GenAI "parts": {role, parts: [{type: text|tool_call|tool_call_response, ...}], finish_reason}
 * - OpenAI chat: {role, content: string | [{type: "text", text}], tool_calls: [{id, function: {name, arguments}}], tool_call_id}
 * - Vercel AI SDK: {role, content: [{type: "text"|"tool-call"|"tool-result", ...}]}
 * - Anthropic: content [{type: "text"|"tool_use"|"tool_result", ...}]
 * - Gemini/Genkit: {role: "model", content|parts: [{text}]}
 * - LangChain serialized: {lc: 1, type: "constructor", id: [..., "AIMessage"], kwargs: {...}}
 * Role aliases are folded (human -> user, ai/model -> assistant). Reasoning parts are
 * not content; other non-text parts become a "[type]" placeholder.
 */

const ROLE_ALIASES: Record<string, string> = { human: "user", ai: "assistant", model: "assistant" };

const LANGCHAIN_ROLES: Record<string, string> = {
  HumanMessage: "user",
  HumanMessageChunk: "user",
  AIMessage: "assistant",
  AIMessageChunk: "assistant",
  SystemMessage: "system",
  ToolMessage: "tool",
  FunctionMessage: "function",
};

const TEXT_PARTS = new Set(["text", "input_text", "output_text"]);
const TOOL_CALL_PARTS = new Set(["tool_call", "tool-call", "tool_use", "function_call"]);
const TOOL_RESULT_PARTS = new Set(["tool_call_response", "tool-result", "tool_result", "function_call_output"]);
const SKIPPED_PARTS = new Set(["reasoning", "thinking", "redacted_thinking", "step-start"]);

/**
 * Messages from: an array of messages; one message object; an object holding them
 * under `messages` or `output` (LangChain chain inputs/outputs); LangChain's
 * LLMResult `{generations: [[{text, message}]]}`. Null when not every entry is a message.
 */
export function toChatMessages(value: AttrValue | undefined): ChatMessage[] | null {
  if (isRecord(value)) {
    if (Array.isArray(value.messages)) return toChatMessages(value.messages);
    if (Array.isArray(value.generations)) return generationMessages(value.generations);
    if (value.output !== undefined && Object.keys(value).length === 1) return toChatMessages(value.output);
    const single = toChatMessage(value);
    return single ? [single] : null;
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  // LangChain batches nest one more level: {messages: [[...]]}.
  if (value.length === 1 && Array.isArray(value[0])) return toChatMessages(value[0]);
  const out: ChatMessage[] = [];
  for (const item of value) {
    const message = toChatMessage(item);
    if (!message) return null;
    out.push(message);
  }
  return out;
}

/** LangChain LLMResult generations: a list (per prompt) of lists of {text, message}. */
function generationMessages(generations: AttrValue[]): ChatMessage[] | null {
  const out: ChatMessage[] = [];
  for (const batch of generations) {
    for (const generation of Array.isArray(batch) ? batch : [batch]) {
      if (!isRecord(generation)) return null;
      const message = toChatMessage(generation.message, "assistant");
      if (message) out.push(message);
      else if (typeof generation.text === "string") out.push({ role: "assistant", content: generation.text });
      else return null;
    }
  }
  return out.length > 0 ? out : null;
}

/** Total tool calls across messages (to pick the richer of two renderings). */
export function countToolCalls(messages: readonly ChatMessage[] | null): number {
  let n = 0;
  for (const m of messages ?? []) n += m.toolCalls?.length ?? 0;
  return n;
}

/** One message in any supported shape, or null when the value is not a message. */
export function toChatMessage(value: AttrValue | undefined, defaultRole?: string): ChatMessage | null {
  if (!isRecord(value)) return null;
  if (value.lc === 1 && value.type === "constructor" && Array.isArray(value.id) && isRecord(value.kwargs)) {
    const cls = value.id[value.id.length - 1];
    const kwargs = value.kwargs;
    const role = (typeof cls === "string" ? LANGCHAIN_ROLES[cls] : undefined) ?? (typeof kwargs.role === "string" ? kwargs.role : undefined);
    return role ? toChatMessage(kwargs, role) : null;
  }
  let role = typeof value.role === "string" ? value.role : undefined;
  if (role === undefined && typeof value.type === "string" && value.type in ROLE_ALIASES) role = value.type;
  // A choice's message may carry only tool calls (OpenAI omits content then).
  if (role === undefined && value.type !== "constructor" && ("content" in value || "parts" in value || "tool_calls" in value)) role = defaultRole;
  if (role === undefined) return null;
  role = ROLE_ALIASES[role] ?? role;

  const gathered = gatherContent(value.parts ?? value.content);
  const message: ChatMessage = { role, content: gathered.text };
  const name = value.name;
  if (typeof name === "string" && name !== "") message.name = name;
  const toolCalls = [...gathered.toolCalls, ...toolCallsFrom(value.tool_calls ?? value.toolCalls)];
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  const toolCallId = value.tool_call_id ?? value.toolCallId ?? gathered.toolCallId;
  if (typeof toolCallId === "string" && toolCallId !== "") message.toolCallId = toolCallId;
  const finish = value.finish_reason ?? value.finishReason;
  if (typeof finish === "string" && finish !== "") message.finishReason = finish;
  return message;
}

/** Tool calls from an OpenAI / LangChain / Vercel style array. */
export function toolCallsFrom(value: AttrValue | undefined): ToolCallRequest[] {
  if (!Array.isArray(value)) return [];
  const out: ToolCallRequest[] = [];
  for (const item of value) {
    const call = toToolCall(item);
    if (call) out.push(call);
  }
  return out;
}

/** One tool call ({id, function: {name, arguments}} | {id, name, args} | {toolCallId, toolName, input}). */
export function toToolCall(value: AttrValue | undefined): ToolCallRequest | null {
  if (!isRecord(value)) return null;
  const fn = isRecord(value.function) ? value.function : value;
  const name = fn.name ?? value.toolName;
  if (typeof name !== "string" || name === "") return null;
  const id = value.id ?? value.toolCallId ?? value.call_id;
  const args = fn.arguments ?? value.args ?? value.input ?? value.arguments;
  return { id: typeof id === "string" && id !== "" ? id : null, name, arguments: asJsonText(args) ?? "" };
}

interface Gathered {
  text: string;
  toolCalls: ToolCallRequest[];
  toolCallId: string | undefined;
}

/** Text, tool calls and tool-result id out of a message's content or parts. */
function gatherContent(content: AttrValue | undefined): Gathered {
  const gathered: Gathered = { text: "", toolCalls: [], toolCallId: undefined };
  if (content === undefined || content === null) return gathered;
  if (typeof content === "string") return { ...gathered, text: content };
  if (!Array.isArray(content)) {
    gathered.text = isRecord(content) && typeof content.text === "string" ? content.text : JSON.stringify(content);
    return gathered;
  }
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === "string") {
      texts.push(part);
      continue;
    }
    if (!isRecord(part)) continue;
    const type = typeof part.type === "string" ? part.type : undefined;
    if (type === undefined || TEXT_PARTS.has(type)) {
      const text = part.text ?? part.content;
      if (typeof text === "string") texts.push(text);
      else if (text !== undefined && text !== null) texts.push(JSON.stringify(text));
    } else if (TOOL_CALL_PARTS.has(type)) {
      const call = toToolCall(part);
      if (call) gathered.toolCalls.push(call);
    } else if (TOOL_RESULT_PARTS.has(type)) {
      const id = part.id ?? part.toolCallId ?? part.tool_use_id ?? part.call_id;
      if (typeof id === "string") gathered.toolCallId = id;
      const result = unwrapToolOutput(part.response ?? part.result ?? part.output ?? part.content);
      const text = asJsonText(result);
      if (text !== null) texts.push(text);
    } else if (!SKIPPED_PARTS.has(type)) {
      texts.push(`[${type}]`);
    }
  }
  gathered.text = texts.join("\n");
  return gathered;
}

/** Vercel AI SDK 5+ wraps tool results as {type: "json"|"text", value}. */
function unwrapToolOutput(value: AttrValue | undefined): AttrValue | undefined {
  if (isRecord(value) && typeof value.type === "string" && "value" in value && Object.keys(value).length === 2) {
    return value.value;
  }
  return value;
}

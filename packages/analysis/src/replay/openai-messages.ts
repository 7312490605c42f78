/**
 * Normalized chat messages (any convention) -> OpenAI chat messages, and the repair that
 * makes a transcript valid chat input: tool calls with ids, every tool message answering
 * an earlier call, every call answered. Span content is untrusted: roles outside the chat
 * roles become user turns, names are reduced to what OpenAI accepts.
 */
import type { ChatMessage } from "@onset/otlp";
import type { OpenAIChatMessage } from "../schema/replay-schema";

/** What a tool call had no recorded result for says. */
export const NO_RESULT = "(no result was recorded for this call)";

const ROLE_ALIASES: Record<string, OpenAIChatMessage["role"]> = {
  system: "system",
  developer: "system",
  user: "user",
  human: "user",
  assistant: "assistant",
  ai: "assistant",
  model: "assistant",
  bot: "assistant",
  tool: "tool",
  function: "tool",
  ipython: "tool",
};

/** The chat role a message's role string means (unknown roles are user turns). */
export function chatRole(role: string): OpenAIChatMessage["role"] {
  return ROLE_ALIASES[role.trim().toLowerCase()] ?? "user";
}

/** A name OpenAI accepts (`^[a-zA-Z0-9_-]{1,64}$`), or undefined. */
export function safeName(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const cleaned = name.replace(/[^a-zA-Z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 64);
  return cleaned.length > 0 ? cleaned : undefined;
}

/** One normalized message as an OpenAI message (tool call ids may still be empty: see repairTranscript). */
export function toOpenAI(message: ChatMessage): OpenAIChatMessage {
  const role = chatRole(message.role);
  const name = safeName(message.name);
  const content = message.content ?? "";
  if (role === "tool") return { role: "tool", tool_call_id: message.toolCallId ?? "", content };
  if (role === "assistant") {
    const calls = (message.toolCalls ?? []).map((c) => ({
      id: c.id ?? "",
      type: "function" as const,
      function: { name: c.name || "unknown", arguments: c.arguments ?? "" },
    }));
    return {
      role: "assistant",
      content: content.length > 0 || calls.length === 0 ? content : null,
      ...(name ? { name } : {}),
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
    };
  }
  return { role, content, ...(name ? { name } : {}) };
}

/**
 * Makes a transcript valid OpenAI chat input: gives every tool call a unique id, pairs a
 * tool message without a known id with the oldest unanswered call, turns a tool message
 * that answers nothing into a user turn, and answers calls left open with a placeholder
 * before the next turn. Input is not mutated.
 */
export function repairTranscript(messages: readonly OpenAIChatMessage[]): OpenAIChatMessage[] {
  const out: OpenAIChatMessage[] = [];
  const used = new Set<string>();
  let pending: string[] = [];
  // Ids of the current assistant message's calls as recorded -> as sent (renamed when empty or reused).
  let renamed = new Map<string, string>();
  let synthetic = 0;
  const closePending = () => {
    for (const id of pending) out.push({ role: "tool", tool_call_id: id, content: NO_RESULT });
    pending = [];
  };
  for (const m of messages) {
    if (m.role === "tool") {
      let id = renamed.get(m.tool_call_id) ?? m.tool_call_id;
      if (!pending.includes(id)) id = pending[0] ?? "";
      if (id === "") {
        out.push({ role: "user", content: `Tool result:\n${m.content}` });
        continue;
      }
      pending = pending.filter((p) => p !== id);
      out.push({ role: "tool", tool_call_id: id, content: m.content });
      continue;
    }
    closePending();
    renamed = new Map();
    if (m.role === "assistant" && m.tool_calls) {
      const calls = m.tool_calls.map((c) => {
        let id = c.id;
        while (id === "" || used.has(id)) id = `call_onset_${++synthetic}`;
        used.add(id);
        if (c.id !== "" && !renamed.has(c.id)) renamed.set(c.id, id);
        return { ...c, id, function: { ...c.function } };
      });
      pending = calls.map((c) => c.id);
      out.push({ ...m, tool_calls: calls });
      continue;
    }
    out.push({ ...m });
  }
  closePending();
  return out;
}

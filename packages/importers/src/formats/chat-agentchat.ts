/**
 * AutoGen AgentChat (0.4+) message dumps: `TaskResult.messages` (or the whole
 * `TaskResult` {messages, stop_reason}), as `model_dump()` writes them:
 *   {source, models_usage: {prompt_tokens, completion_tokens} | null, metadata, created_at?,
 *    content, type: "TextMessage" | "MultiModalMessage" | "ToolCallRequestEvent" |
 *    "ToolCallExecutionEvent" | "ToolCallSummaryMessage" | "ThoughtEvent" | "HandoffMessage" | ...}
 * rewritten as OpenAI-style chat messages for chat-run.ts:
 *   - ToolCallRequestEvent -> an assistant turn of `source` with tool_calls (a ThoughtEvent
 *     of the same source just before it is that call's text);
 *   - ToolCallExecutionEvent -> one `tool` message per result (call_id, is_error);
 *   - ToolCallSummaryMessage -> dropped: it repeats the tool results, no model call made it;
 *   - HandoffMessage -> dropped after the source's own transfer_to_<agent> call (it records
 *     that call's effect), else role "<source> (-> <target>)", a hand-off like Magentic-One's;
 *   - streaming chunks, speaker-selection and memory events, code events (the executor's
 *     own TextMessage carries its output) -> dropped;
 *   - anything else with content -> a message of `source` ("user" is the human).
 */
import { isRecord } from "../artifact-input";
import { contentText, stringOrNull } from "../message-text";

const DROPPED = new Set([
  "ToolCallSummaryMessage",
  "ModelClientStreamingChunkEvent",
  "UserInputRequestedEvent",
  "SelectSpeakerEvent",
  "SelectorEvent",
  "MemoryQueryEvent",
  "CodeGenerationEvent",
  "CodeExecutionEvent",
  "StopMessage",
]);

/** True for one dumped AgentChat message or event. */
export function isAgentChatMessage(v: unknown): boolean {
  return isRecord(v) && typeof v.source === "string" && typeof v.type === "string" && /(Message|Event)$/.test(v.type) && "content" in v;
}

/**
 * OpenAI-style messages for a list of AgentChat messages, with the index in `items` each
 * one came from (a ThoughtEvent folded into its tool call takes the call's index).
 */
export function fromAgentChat(items: readonly unknown[]): { messages: Record<string, unknown>[]; sourceIndexes: number[] } {
  const out: Record<string, unknown>[] = [];
  const sourceIndexes: number[] = [];
  const push = (message: Record<string, unknown>, index: number): void => {
    out.push(message);
    sourceIndexes.push(index);
  };
  const thoughts = new Map<string, { message: Record<string, unknown>; index: number }>();
  // Sources whose last tool call was a hand-off tool: their HandoffMessage is its effect.
  const transferring = new Set<string>();
  const flushThought = (source: string): void => {
    const held = thoughts.get(source);
    if (held) push(held.message, held.index);
    thoughts.delete(source);
  };
  for (const [index, item] of items.entries()) {
    if (!isRecord(item)) continue;
    const source = String(item.source);
    const type = String(item.type);
    const common = { timestamp: item.created_at ?? null, usage: isRecord(item.models_usage) ? item.models_usage : null };
    if (DROPPED.has(type)) continue;
    if (type === "ThoughtEvent") {
      flushThought(source);
      thoughts.set(source, { message: { role: source, content: contentText(item.content), ...common }, index });
      continue;
    }
    if (type === "ToolCallRequestEvent") {
      const thought = thoughts.get(source);
      thoughts.delete(source);
      const calls = (Array.isArray(item.content) ? item.content : []).filter(isRecord);
      if (calls.some((c) => /^transfer_to_/i.test(stringOrNull(c.name) ?? ""))) transferring.add(source);
      push({
        role: source,
        content: thought ? thought.message.content : "",
        tool_calls: calls.map((c) => ({ id: stringOrNull(c.id), type: "function", function: { name: stringOrNull(c.name) ?? "unknown", arguments: c.arguments ?? "{}" } })),
        ...common,
      }, index);
      continue;
    }
    for (const held of [...thoughts.keys()]) flushThought(held);
    if (type === "ToolCallExecutionEvent") {
      for (const r of (Array.isArray(item.content) ? item.content : []).filter(isRecord)) {
        push({ role: "tool", tool_call_id: stringOrNull(r.call_id), name: stringOrNull(r.name), content: contentText(r.content), is_error: r.is_error === true, timestamp: common.timestamp }, index);
      }
      continue;
    }
    // A Swarm's HandoffMessage records what the agent's transfer_to_<agent> call did ("Transferred
    // to critic, adopting the role of critic immediately."): no model call made it.
    if (type === "HandoffMessage" && transferring.delete(source)) continue;
    const target = type === "HandoffMessage" ? stringOrNull(item.target) : null;
    push({ role: target ? `${source} (-> ${target})` : source, content: contentText(item.content), ...common }, index);
  }
  for (const held of [...thoughts.keys()]) flushThought(held);
  return { messages: out, sourceIndexes };
}

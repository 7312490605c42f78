/**
 * Generic chat histories, including multi-agent group chats (AG2 / AutoGen,
 * CaptainAgent, Magentic-One) and τ-bench result records. The containers recognised
 * are listed in chat-containers.ts, who speaks in chat-speakers.ts, code-executor
 * output in chat-output.ts, and the conversion of one conversation in chat-run.ts.
 * Optional per-message fields read when present: OpenAI `tool_calls` / `tool_call_id`,
 * AG2 `tool_responses`, `function_call`, `timestamp` (or `created_at`), `model`,
 * `usage`, `cost`, `is_error`.
 */
import type { ArtifactInput } from "../artifact-input";
import { MalformedArtifactError } from "../errors";
import type { Detection, ExtractContext, Extractor, ImportedRun } from "../types";
import { validateArtifact } from "../validate";
import { locateConversations } from "./chat-containers";
import { buildChatRun, messageListSchema } from "./chat-run";

const FORMAT = "chat-history";

function detect(input: ArtifactInput): Detection {
  const found = locateConversations(input);
  if (!found) {
    return {
      confidence: 0,
      reason: input.json().ok
        ? "no list of {role, content} messages (array, `messages`/`history`/`chat_history`, or τ-bench `traj`)"
        : "neither JSON nor JSON Lines of Magentic-One log events",
    };
  }
  return { confidence: found.confidence, reason: found.reason };
}

function extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[] {
  const found = locateConversations(input);
  if (!found) {
    const parsed = input.json();
    const detail = parsed.ok ? "no list of {role, content} messages found" : `not valid JSON (${parsed.error})`;
    // Forced onto a list with a bad entry: name the entry, as the schema would.
    if (parsed.ok && Array.isArray(parsed.value)) validateArtifact(messageListSchema, parsed.value, input, FORMAT);
    throw new MalformedArtifactError(input.fileName, FORMAT, detail);
  }
  return found.read().map((conv) => {
    const messages = validateArtifact(messageListSchema, conv.messages, input, FORMAT, conv.path);
    return buildChatRun(messages, conv, ctx);
  });
}

/** Generic chat history extractor (plain message lists, multi-agent logs, τ-bench records). */
export const chatHistoryExtractor: Extractor = {
  format: FORMAT,
  description:
    "Chat histories: a JSON list of {role, name?, content} (or {messages|history|chat_history: [...]}), τ-bench records, Magentic-One log.jsonl; one step per agent turn",
  detect,
  extract,
};

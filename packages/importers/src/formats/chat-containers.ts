/**
 * Where the messages of a chat history sit in an artifact. Recognised containers:
 *   - a JSON array of messages;
 *   - an object holding one under `messages`, `history` or `chat_history` (AG2's
 *     ChatResult, AutoGen group-chat dumps), whose own `success` / `is_correct` /
 *     `resolved` / `reward` fields are its verdict;
 *   - a τ-bench result record {task_id, reward, info, traj: [OpenAI messages], trial}
 *     or a JSON array of them (one run per record; `info` holds the grader's answer
 *     key and is never read);
 *   - AutoGen AgentChat message dumps: a JSON array of {source, type, content, ...}
 *     messages or a TaskResult {messages, stop_reason} (converted in chat-agentchat.ts;
 *     `stop_reason` is the exit status);
 *   - Magentic-One's log.jsonl (autogen-magentic-one LogHandler): one event per line,
 *     {timestamp, type, source?, message?}; OrchestrationEvent / AgentEvent lines are
 *     the messages (`source` is the role, e.g. "Orchestrator (thought)"), in order;
 *     WebSurferEvent and LLMCallEvent lines are not messages and are skipped, so a
 *     message's index counts messages, not lines.
 */
import type { Attributes } from "@onset/otlp";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { numberOrNull, stringOrNull } from "../message-text";
import { type Verdict, verdictFromFields, verdictFromReward } from "../verdict";
import { fromAgentChat, isAgentChatMessage } from "./chat-agentchat";

/** One conversation found in an artifact: a run to build. */
export interface Conversation {
  runKey: string;
  /** Label for the run name. */
  label: string;
  sourceRunId: string | null;
  /** The raw message list (validated by the extractor). */
  messages: unknown;
  /** Where the list sits, for error messages ("traj", "[3].traj", "history"). */
  path: string;
  verdict: Verdict | null;
  /** Index in the source list of each message, when the messages were rewritten (AgentChat); else the position. */
  sourceIndexes?: readonly number[];
  /** How the conversation says it ended (AgentChat's stop_reason), when it says so. */
  exitStatus: string | null;
  attributes: Attributes;
}

const LIST_KEYS = ["messages", "history", "chat_history"] as const;
const MAGENTIC_EVENT_TYPES = new Set(["OrchestrationEvent", "AgentEvent"]);

/** True for a {role, content} (or {role, tool_calls}) message. */
export function isMessage(v: unknown): boolean {
  return isRecord(v) && typeof v.role === "string" && ("content" in v || "tool_calls" in v || "function_call" in v);
}

function isTauRecord(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && Array.isArray(v.traj) && ("task_id" in v || "reward" in v);
}

// LogHandler writes every line with a `type` and a `timestamp`; only some carry source/message.
function isMagenticLine(v: unknown): boolean {
  return isRecord(v) && typeof v.type === "string" && "timestamp" in v;
}

function isMagenticMessage(v: Record<string, unknown>): boolean {
  return MAGENTIC_EVENT_TYPES.has(String(v.type)) && typeof v.source === "string" && "message" in v;
}

/** How the artifact holds its conversations, with a detection confidence; null when it holds none. */
export function locateConversations(input: ArtifactInput): { confidence: number; reason: string; read: () => Conversation[] } | null {
  const parsed = input.json();
  const label = input.baseName.replace(/\.jsonl?$/i, "");
  if (parsed.ok) {
    const doc = parsed.value;
    if (Array.isArray(doc) && doc.length > 0 && doc.slice(0, 20).every(isTauRecord)) {
      return { confidence: 0.9, reason: "JSON array of τ-bench records {task_id, reward, traj}", read: () => doc.map((r, i) => tauConversation(r as Record<string, unknown>, `[${i}].traj`, i)) };
    }
    if (isTauRecord(doc)) {
      return { confidence: 0.9, reason: "τ-bench record {task_id, reward, traj}", read: () => [tauConversation(doc, "traj", 0)] };
    }
    const agentChat = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.messages) ? doc.messages : null;
    if (agentChat && agentChat.length > 0 && agentChat.slice(0, 20).every(isAgentChatMessage)) {
      const stop = isRecord(doc) ? stringOrNull(doc.stop_reason) : null;
      return {
        confidence: 0.85,
        reason: "AutoGen AgentChat messages {source, type, content}",
        read: () => {
          const { messages, sourceIndexes } = fromAgentChat(agentChat);
          return [{ ...plain(label, messages, Array.isArray(doc) ? "" : "messages", null), sourceIndexes, exitStatus: stop }];
        },
      };
    }
    if (Array.isArray(doc)) {
      if (doc.length === 0 || !doc.slice(0, 50).every(isMessage)) return null;
      return { confidence: 0.5, reason: "JSON array of {role, content} messages", read: () => [plain(label, doc, "", null)] };
    }
    if (isRecord(doc)) {
      for (const key of LIST_KEYS) {
        const list = doc[key];
        if (!Array.isArray(list) || list.length === 0 || !list.slice(0, 50).every(isMessage)) continue;
        // Deliberately modest: more specific formats (SWE-agent's history, mini-SWE-agent's
        // messages) hold such lists too and must win.
        return { confidence: 0.45, reason: `\`${key}\` list of {role, content} messages`, read: () => [plain(label, list, key, verdictFromFields(doc))] };
      }
    }
    return null;
  }
  const lines = input.jsonLinesStrict();
  if (!lines || !lines.records.slice(0, 20).every((r) => isMagenticLine(r.value))) return null;
  const events = lines.records.map((r) => r.value).filter(isRecord).filter(isMagenticMessage);
  if (events.length === 0) return null;
  return {
    confidence: 0.8,
    reason: "JSON Lines of Magentic-One log events {timestamp, source, message, type}",
    read: () => [plain(label, events.map((e) => ({ role: e.source, content: e.message, timestamp: e.timestamp })), "", null)],
  };
}

function plain(label: string, messages: unknown[], path: string, verdict: Verdict | null): Conversation {
  return { runKey: "0", label, sourceRunId: null, messages, path, verdict, exitStatus: null, attributes: {} };
}

function tauConversation(record: Record<string, unknown>, path: string, position: number): Conversation {
  const taskId = typeof record.task_id === "number" || typeof record.task_id === "string" ? String(record.task_id) : null;
  const trial = numberOrNull(record.trial);
  const attributes: Attributes = {};
  if (taskId !== null) attributes["onset.run.task_id"] = taskId;
  if (trial !== null) attributes["onset.run.trial"] = trial;
  const reward = numberOrNull(record.reward);
  if (reward !== null) attributes["onset.run.reward"] = reward;
  const key = taskId !== null ? `task-${taskId}${trial !== null ? `-trial-${trial}` : ""}` : `record-${position}`;
  // Two records of one file may repeat a task and trial; the position keeps run keys unique.
  return {
    runKey: `${key}@${position}`,
    label: `τ-bench task ${taskId ?? "?"}${trial !== null ? ` trial ${trial}` : ""}`,
    sourceRunId: taskId,
    messages: record.traj,
    path,
    verdict: verdictFromReward(record.reward),
    exitStatus: null,
    attributes,
  };
}

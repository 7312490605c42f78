/**
 * Who said a chat message, and what kind of message it is. Every speaker that is
 * not the system, the human (or the human's proxy) or a tool is an agent:
 *   - `name` is the speaker when present (AG2 / AutoGen group chats, where `role` is
 *     only "user"/"assistant" from the recipient's point of view);
 *   - else `role`, with a parenthesised suffix split off as the message's kind, as in
 *     Magentic-One's logs: "Orchestrator (thought)", "Orchestrator (-> WebSurfer)"
 *     (a hand-off: an instruction to WebSurfer), "Orchestrator (termination condition)".
 */
import { isExecutorName, parseExecutorOutput } from "./chat-output";

/** The message's place in the run. */
export type MessageClass = "system" | "human" | "tool" | "executor" | "agent";

/** The speaker of one message. */
export interface Speaker {
  /** Agent name: the name, else the role without its suffix ("Orchestrator"). */
  name: string;
  /** The role's parenthesised suffix ("thought", "-> WebSurfer"), or null. */
  kind: string | null;
  /** The agent a "-> X" suffix hands over to, or null. */
  to: string | null;
}

const HUMAN_ROLES = new Set(["user", "human"]);
const TOOL_ROLES = new Set(["tool", "function", "ipython"]);
// The human or a stand-in for them: AG2's user_proxy / captain_user_proxy, AutoGen's Admin,
// UserProxyAgent and RetrieveUserProxyAgent (conventionally named "ragproxyagent"), and
// AutoBuild's user proxy ("User_console_and_code_interpreter", "User_console_and_Python_code_interpreter").
const HUMAN_NAMES = /^(user|human|admin|human_?proxy|[\w-]*user_?proxy|[\w-]*proxy_?agent|user_console\w*)$/i;
const SUFFIX = /^(.*?)\s*\(([^()]*)\)\s*$/;

/** Splits a role such as "Orchestrator (-> WebSurfer)" into the speaker and the suffix. */
export function parseRole(role: string): Speaker {
  const m = SUFFIX.exec(role.trim());
  if (!m || (m[1] ?? "") === "") return { name: role.trim(), kind: null, to: null };
  const kind = (m[2] ?? "").trim();
  const handoff = /^->\s*(.+)$/.exec(kind);
  return { name: (m[1] ?? "").trim(), kind, to: handoff ? (handoff[1] ?? "").trim() : null };
}

/** The speaker of a message: `name` when present, else the parsed role. */
export function speakerOf(role: string, name: string | null): Speaker {
  if (name !== null) return { ...parseRole(role), name };
  return parseRole(role);
}

/** True when the speaker is the human or a proxy standing in for them. */
export function isHumanSpeaker(role: string, name: string | null): boolean {
  if (name !== null) return HUMAN_NAMES.test(name.trim());
  return HUMAN_ROLES.has(role.trim().toLowerCase()) || HUMAN_NAMES.test(parseRole(role).name);
}

/**
 * Classifies a message. `executorOutput` is true when its text reads as code-executor
 * output (see chat-output.ts); such messages are tool results whoever posts them.
 */
export function classifyMessage(p: {
  role: string;
  name: string | null;
  hasToolCalls: boolean;
  hasToolResponses: boolean;
  executorOutput: boolean;
}): MessageClass {
  const role = p.role.trim().toLowerCase();
  if (TOOL_ROLES.has(role) || p.hasToolResponses) return "tool";
  if (role === "system" && p.name === null) return "system";
  if (p.hasToolCalls) return "agent";
  const speaker = speakerOf(p.role, p.name).name;
  if (p.executorOutput || isExecutorName(speaker)) return "executor";
  if (isHumanSpeaker(p.role, p.name)) return "human";
  return "agent";
}

/**
 * The task a framework hands a group chat in an agent's name: AG2 CaptainAgent opens each
 * expert group chat with "You are given: (1) a task and advises from your manager with a
 * specific plan and (2) a general task." under the first expert's name. It is the group's
 * input (the task and the manager's plan), not a decision taken in the chat.
 */
export function isInjectedTask(text: string, position: number): boolean {
  return position === 0 && /^You are given: \(1\) a task and advises from your manager/.test(text.trimStart());
}

/** Messages that carry no decision: empty, or a bare termination word. */
const NO_DECISION = /^\s*(?:TERMINATE|exit|quit)?\s*$/i;

/**
 * Speakers that stand in for the human whatever their name: the one who opened the chat
 * (sent the task) and afterwards posted only code-execution output, nothing, or
 * "TERMINATE" (at least once, or never spoke again while two or more others answered), as an AutoGen/AG2 UserProxyAgent with a notebook's own name ("Boss",
 * "Commander") does. The task is then the run's input, not an agent's first decision.
 */
export function openingProxies(messages: readonly { role: string; name?: string | null; text: string; hasToolCalls: boolean }[]): Set<string> {
  const opener = messages.find((m) => m.role.trim().toLowerCase() !== "system");
  if (opener === undefined || opener.hasToolCalls) return new Set();
  const name = speakerOf(opener.role, opener.name ?? null).name;
  let later = 0;
  const others = new Set<string>();
  for (const m of messages) {
    if (m === opener || m.role.trim().toLowerCase() === "system") continue;
    const who = speakerOf(m.role, m.name ?? null).name;
    if (who !== name) {
      others.add(who);
      continue;
    }
    if (m.hasToolCalls || (!NO_DECISION.test(m.text) && parseExecutorOutput(m.text, false) === null)) return new Set();
    later++;
  }
  // An opener that never spoke again is the initiator of a group chat (two or more others
  // answered it), but may be an agent with one message in a smaller one.
  return later > 0 || others.size >= 2 ? new Set([name]) : new Set();
}

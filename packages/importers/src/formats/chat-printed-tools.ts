/**
 * Tool calls and tool results as AG2 / AutoGen 0.2 print them to the console, which is
 * all a notebook's saved output keeps of a run (autogen/agentchat/conversable_agent.py's
 * printing of `tool_calls` and `tool_responses`):
 *
 *   ***** Suggested tool call (call_AQ8o…): seek_experts_help *****
 *   Arguments:
 *   {"group_name": "GameOf24Solver", …}
 *   ****************************************************************
 *
 *   ***** Response from calling tool (call_AQ8o…) *****
 *   # Response from seek_agent_help: …
 *   ****************************************************************
 *
 * Older versions write "Suggested tool Call" and quote the id: `(call_x)` or `"call_x"`.
 * Read as text, a swarm hand-off or a CaptainAgent's expert group would be one agent's
 * words; parsed, the call is the agent's decision and the response its tool result.
 */
import type { ToolCallRequest } from "@onset/otlp";

/** A result the tool executor posted for one call. */
export interface PrintedToolResponse {
  tool_call_id: string | null;
  content: string;
}

const RULE = /\n\*{10,}[ \t]*(?=\n|$)/;
const CALL_HEAD = /\*{5} Suggested tool [Cc]all \(([^()\n]*)\): ([^\n*]+?) \*{5}[ \t]*\n(?:Arguments:[ \t]*\n)?/g;
const RESPONSE_HEAD = /\*{5} Response from calling tool (?:\(([^()\n]*)\)|"([^"\n]*)") \*{5}[ \t]*\n?/g;

/** The block's body: from the header to the closing rule of asterisks (or the end). */
function bodyAfter(text: string, start: number): { body: string; end: number } {
  const rest = text.slice(start);
  const rule = RULE.exec(rest);
  const body = rule ? rest.slice(0, rule.index) : rest;
  return { body, end: rule ? start + rule.index + rule[0].length : text.length };
}

/** Printed tool calls in an agent message, and the message without them; null when there are none. */
export function printedToolCalls(text: string): { said: string; calls: ToolCallRequest[] } | null {
  if (!text.includes("***** Suggested tool ")) return null;
  const calls: ToolCallRequest[] = [];
  let said = "";
  let last = 0;
  for (const m of text.matchAll(CALL_HEAD)) {
    if (m.index < last) continue;
    const { body, end } = bodyAfter(text, m.index + m[0].length);
    said += text.slice(last, m.index);
    calls.push({ id: (m[1] ?? "").trim() || null, name: (m[2] ?? "").trim(), arguments: body.trim() });
    last = end;
  }
  if (calls.length === 0) return null;
  said += text.slice(last);
  return { said: said.trim(), calls };
}

/** Printed tool responses when the message is made of them (text outside them only whitespace); else null. */
export function printedToolResponses(text: string): PrintedToolResponse[] | null {
  if (!text.trimStart().startsWith("***** Response from calling tool")) return null;
  const responses: PrintedToolResponse[] = [];
  let last = 0;
  for (const m of text.matchAll(RESPONSE_HEAD)) {
    if (m.index < last) continue;
    if (text.slice(last, m.index).trim() !== "") return null;
    const { body, end } = bodyAfter(text, m.index + m[0].length);
    responses.push({ tool_call_id: (m[1] ?? m[2] ?? "").trim() || null, content: body.trim() });
    last = end;
  }
  if (responses.length === 0 || text.slice(last).trim() !== "") return null;
  return responses;
}

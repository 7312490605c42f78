/**
 * ReAct turns whose tool result is written into the agent's own message. CrewAI's
 * text-format agents (and LangChain's ReAct agents) answer
 *
 *   "Thought: ...\nAction: get_data\nAction Input: {"step": "step1"}"
 *
 * and the framework appends the tool's output to that same assistant message before
 * the next call: "...\nObservation: <result>". Read as one message, the result would
 * count as the agent's own words; split, the first part is the decision (with a tool
 * call) and the rest a tool result. CrewAI's own failure texts (crewai/translations/
 * en.json `errors`) mark the result as failed:
 *   "I tried reusing the same input, I must stop using this action input. ..."  (task_repeated_usage)
 *   "I encountered an error while trying to use the tool. This was the error: ..."  (tool_usage_exception)
 *   "I encountered an error: ..."                                                  (tool_usage_error)
 *   "Error: the Action Input is not a valid key, value dictionary."               (tool_arguments_error)
 *   "You tried to use the tool X, but it doesn't exist. ..."                      (wrong_tool_name)
 *   "Error executing tool. coworker mentioned not found, ..."                      (agent_tool_unexisting_coworker)
 */

/** An agent message split into its ReAct decision and the observation appended to it. */
export interface ReActObservation {
  /** Thought, Action and Action Input: the agent's decision. */
  said: string;
  /** The Action: the tool the agent called. */
  tool: string;
  /** The Action Input as written (JSON text in CrewAI). */
  arguments: string;
  /** The Observation the framework appended. */
  observed: string;
  /** The framework's failure text (one line), else null. */
  error: string | null;
}

// "Action:" and "Action Input:" on their own lines, then an "Observation:" line after them.
const ACTION = /(?:^|\n)[ \t]*Action:[ \t]*([^\n]+)\n[ \t]*Action Input:[ \t]*([\s\S]*?)\n[ \t]*Observation:[ \t]*/;

const FAILURES: readonly RegExp[] = [
  /^I tried reusing the same input, I must stop using this action input\./,
  /^I encountered an error/,
  /^Error: the Action Input is not a valid key, value dictionary\./,
  /^You tried to use the tool [^\n]*, but it doesn't exist\./,
  /^Error executing tool\b/,
  /^Error executing task with agent\b/,
];

function firstLine(text: string): string {
  return (text.split("\n").find((l) => l.trim() !== "") ?? "").trim().slice(0, 300);
}

/** Splits an agent message at its appended "Observation:"; null when it has none after an Action. */
export function splitReActObservation(text: string): ReActObservation | null {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const m = ACTION.exec(head);
  if (!m) return null;
  const tool = (m[1] ?? "").trim();
  if (tool === "" || tool.length > 200) return null;
  // The match ends with "\n[ \t]*Observation:[ \t]*", whose newline is the last one in it.
  const said = text.slice(0, m.index + m[0].lastIndexOf("\n")).trim();
  const observed = text.slice(m.index + m[0].length).replace(/^\s+/, "").trimEnd();
  const trimmed = observed.trimStart();
  const error = FAILURES.some((re) => re.test(trimmed)) ? firstLine(trimmed) : null;
  return { said, tool, arguments: (m[2] ?? "").trim(), observed, error };
}

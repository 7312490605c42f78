/**
 * smolagents' memory as messages (`agent.write_memory_to_messages()`, each
 * `ChatMessage.dict()`), grouped into agent steps. Roles: "system", "user" (the task,
 * "New task:\n..."), "assistant" (the model's output for one step), "tool-call"
 * ("Calling tools:\n[...]": Python's repr of the step's tool calls; a CodeAgent's single
 * call is `python_interpreter` with the code), "tool-response" ("Observation:\n..." or
 * "Error:\n...": the step's observations or its error). A "tool-response" with no
 * "tool-call" before it answers an output that could not be parsed into an action.
 */
import { isRecord } from "../artifact-input";
import { contentText, stringOrNull } from "../message-text";
import { parsePythonLiteral } from "./python-literal";

/** One tool call of a step, as smolagents printed it. */
export interface SmolCall {
  id: string | null;
  name: string;
  /** Arguments as given: an object for tool-calling agents, the code string for a CodeAgent. */
  arguments: unknown;
}

/** One agent step: the model's output, the calls it made and what came back. */
export interface SmolStep {
  /** 0-based index of the assistant message in the memory messages. */
  index: number;
  output: string;
  calls: SmolCall[];
  /** Index of the "tool-call" message, when there is one. */
  callIndex: number | null;
  /** The "tool-response" text without its "Observation:" / "Error:" header. */
  observation: string | null;
  observationIndex: number | null;
  /** The error smolagents fed back (parse error, execution error, tool error), when the response was one. */
  error: string | null;
}

/** The task and the steps of one memory message list. */
export interface SmolMemory {
  task: string | null;
  steps: SmolStep[];
}

const CALLING_TOOLS = /^\s*Calling tools:\s*/;
// smolagents appends this to every error it feeds back to the model.
const RETRY_TAIL = /\n*Now let's retry: take care not to repeat previous errors![\s\S]*$/;

/** The role of a memory message ("tool-call", "assistant", ...), lowercased; MessageRole enums print as "MessageRole.X". */
export function roleOf(message: unknown): string {
  const role = isRecord(message) ? message.role : null;
  return typeof role === "string" ? role.replace(/^MessageRole\./i, "").toLowerCase().replace(/_/g, "-") : "";
}

/** The calls listed by a "tool-call" message; unreadable text becomes one call with the raw text as arguments. */
export function callsOf(text: string): SmolCall[] {
  const body = text.replace(CALLING_TOOLS, "");
  let parsed: unknown;
  try {
    parsed = parsePythonLiteral(body);
  } catch {
    return [{ id: null, name: "unknown", arguments: body }];
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map(callOf).filter((c): c is SmolCall => c !== null);
}

/** One call as smolagents prints it (`{id, function: {name, arguments}}` or `ToolCall(name, arguments, id)`); null when not an object. */
export function callOf(call: unknown): SmolCall | null {
  if (!isRecord(call)) return null;
  const fn = isRecord(call.function) ? call.function : call;
  return { id: stringOrNull(call.id), name: stringOrNull(fn.name) ?? "unknown", arguments: fn.arguments ?? null };
}

function responseOf(text: string): { observation: string; error: string | null } {
  const error = /^\s*Error:\s*\n?/.exec(text);
  if (error) {
    const message = text.slice(error[0].length).replace(RETRY_TAIL, "").trim();
    return { observation: message, error: message === "" ? "error" : message };
  }
  return { observation: text.replace(/^\s*Observation:\s*\n?/, ""), error: null };
}

/** Groups memory messages into the task and the agent steps. */
export function stepsOfMemory(messages: readonly unknown[]): SmolMemory {
  let task: string | null = null;
  const steps: SmolStep[] = [];
  messages.forEach((message, index) => {
    const role = roleOf(message);
    const text = contentText(isRecord(message) ? message.content : null);
    const current = steps[steps.length - 1];
    if (role === "user" && task === null && steps.length === 0) task = text.replace(/^\s*New task:\s*\n?/, "");
    else if (role === "assistant") {
      steps.push({ index, output: text, calls: [], callIndex: null, observation: null, observationIndex: null, error: null });
    } else if (role === "tool-call" && current && current.callIndex === null) {
      current.calls = callsOf(text);
      current.callIndex = index;
    } else if (role === "tool-response" && current && current.observationIndex === null) {
      const response = responseOf(text);
      current.observation = response.observation;
      current.error = response.error;
      current.observationIndex = index;
    }
  });
  return { task, steps };
}

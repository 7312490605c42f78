/**
 * smolagents memory steps as Python repr strings: the first open_deep_research runner
 * (examples/GAIA_submission/run_gaia.py, January 2025) stored `intermediate_steps` as
 * `str(step)` of each memory step: "SystemPromptStep(system_prompt='…')",
 * "TaskStep(task='…', task_images=None)", "ActionStep(tool_calls=[ToolCall(name=…,
 * arguments=…, id=…)], step_number=…, error=AgentParsingError('…') | None,
 * llm_output='…', observations='…', action_output=…)", "PlanningStep(plan=…, facts=…)".
 * Read here into the same steps as the memory-as-messages form (smolagents-messages.ts).
 */
import { isRecord } from "../artifact-input";
import { stringOrNull } from "../message-text";
import { type SmolCall, type SmolMemory, type SmolStep, callOf } from "./smolagents-messages";
import { parsePythonLiteral } from "./python-literal";

const STEP_REPR = /^\s*(SystemPromptStep|TaskStep|ActionStep|PlanningStep)\(/;

/** True when the value is one memory step printed as its Python repr. */
export function isStepRepr(value: unknown): boolean {
  return typeof value === "string" && STEP_REPR.test(value);
}

/** The message of a printed exception (`AgentParsingError('msg')` → "msg"), or the text as given. */
function errorText(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === "string") return error;
  if (isRecord(error)) {
    const first = Array.isArray(error.args) ? error.args[0] : error.message;
    if (typeof first === "string") return first;
    return stringOrNull(error.__class__) ?? JSON.stringify(error);
  }
  return String(error);
}

function parsed(text: string): Record<string, unknown> | null {
  try {
    const value = parsePythonLiteral(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The task and steps of repr-printed memory steps. An ActionStep is one step (its
 * llm_output, tool calls, observations and error); a PlanningStep one step whose output
 * is its facts and plan; a step whose text does not parse is one step with the raw text
 * as output and an error saying so.
 */
export function stepsOfReprs(items: readonly unknown[]): SmolMemory {
  let task: string | null = null;
  const steps: SmolStep[] = [];
  items.forEach((item, index) => {
    if (typeof item !== "string") return;
    const kind = STEP_REPR.exec(item)?.[1];
    const step = parsed(item);
    const at = { index, callIndex: index, observationIndex: index };
    if (!step) {
      if (kind === "ActionStep" || kind === "PlanningStep") steps.push({ ...at, output: item, calls: [], observation: null, error: `unreadable ${kind} repr` });
      return;
    }
    if (kind === "TaskStep") task ??= stringOrNull(step.task);
    else if (kind === "PlanningStep") {
      const output = [stringOrNull(step.facts), stringOrNull(step.plan)].filter((t): t is string => !!t).join("\n\n");
      steps.push({ ...at, output, calls: [], callIndex: null, observation: null, observationIndex: null, error: null });
    } else if (kind === "ActionStep") {
      const calls = (Array.isArray(step.tool_calls) ? step.tool_calls : []).map(callOf).filter((c): c is SmolCall => c !== null);
      const observation = stringOrNull(step.observations);
      steps.push({
        ...at,
        output: stringOrNull(step.llm_output) ?? "",
        calls,
        callIndex: calls.length > 0 ? index : null,
        observation,
        observationIndex: observation !== null || step.error ? index : null,
        error: errorText(step.error),
      });
    }
  });
  return { task, steps };
}

/**
 * Observations carried by a step's container span. Frameworks that wrap each agent step
 * in a span of its own put the step's outcome there rather than on a tool span:
 * smolagents' OpenInference "Step N" CHAIN span holds the step's observations
 * (`output.value`: execution logs, tool results) and its error (status ERROR with an
 * exception event, or an `agent.step_recovery` event for errors the agent is expected to
 * recover from). A code-writing agent has no tool span at all, so without this its
 * errors and observations would be invisible to the analysis.
 *
 * A container is the parent of exactly one decision, of type chain or other (never an
 * agent span, which scopes many steps). Its observation becomes a synthetic action of
 * the step (named after the container) when the step shows nothing of it otherwise:
 * the step has no action, the container failed while none of its actions did, or it
 * observed more than its actions returned (a code agent's printout of what its tools
 * gave). An error saying the decision could not be parsed into an action (smolagents'
 * AgentParsingError, "Error in code parsing") on a step with no action is the decision's
 * own format error, read like a failed LLM output, not as a failed action.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { contentText } from "../spans/span-text";
import type { SpanIndex } from "../tree/span-index";
import type { StepModel } from "./step-model";

/** Tool name of the synthetic action made from a container's observation. */
export const OBSERVATION_TOOL = "step-observation";

/**
 * Events a container records for the step's error while its status stays ok:
 * `agent.step_recovery` (errors the agent is expected to recover from), and `exception`,
 * which openinference-instrumentation-smolagents before its "handled errors" change
 * recorded for every step error (`record_exception(step_log.error)`, then status OK).
 * On a step container an exception is the step's outcome, not a handled detail.
 */
const RECOVERY_EVENTS = new Set(["agent.step_recovery", "exception"]);

/** Error the container reports: its own error/status, else a recoverable-error or exception event. */
function containerError(span: NormalizedSpan): { type: string | null; message: string } | null {
  if (span.error !== null || span.statusCode === "error") {
    const message = span.error?.message ?? span.statusMessage ?? span.error?.type ?? "step failed";
    return { type: span.error?.type ?? null, message };
  }
  for (const e of span.events) {
    if (!RECOVERY_EVENTS.has(e.name)) continue;
    const message = e.attributes.message ?? e.attributes["exception.message"];
    const type = e.attributes.type ?? e.attributes["exception.type"];
    return { type: typeof type === "string" ? type : null, message: typeof message === "string" && message !== "" ? message : "the step reported an error" };
  }
  return null;
}

/** Exception types and messages of a decision that could not be parsed into an action (a format error fed back). */
const PARSE_ERROR_TYPE = /pars(e|ing)|format/i;
const PARSE_ERROR_TEXT = /\berror in (code )?parsing\b|\bcould not parse\b|\bfailed to parse\b|\binvalid (json|format)\b|\bregex pattern\b.*\bnot found\b/i;

/** What a step's container observed. */
export interface ContainerObservation {
  /** The container read as a synthetic action of the step (tool `step-observation`). */
  span: NormalizedSpan;
  /** The container's error, when it reported one. */
  error: string | null;
  /** The error says the decision could not be parsed into an action: the model's format error, not an action's. */
  parseError: boolean;
}

/** For each step, what its container observed, when it has a container that says something. */
export function containerObservations(index: SpanIndex, steps: readonly StepModel[]): Map<StepModel, ContainerObservation> {
  const decisionsUnder = new Map<number, number>();
  for (const s of steps) {
    if (s.llm < 0) continue;
    const p = index.parent[s.llm]!;
    if (p >= 0) decisionsUnder.set(p, (decisionsUnder.get(p) ?? 0) + 1);
  }
  const out = new Map<StepModel, ContainerObservation>();
  for (const s of steps) {
    if (s.llm < 0) continue;
    const p = index.parent[s.llm]!;
    if (p < 0 || decisionsUnder.get(p) !== 1) continue;
    const span = index.spans[p]!;
    if (span.type !== "chain" && span.type !== "other") continue;
    const error = containerError(span);
    const text = contentText(span.output);
    if (error === null && text.trim() === "") continue;
    const synthetic: NormalizedSpan = {
      ...span,
      type: "tool",
      statusCode: error !== null ? "error" : span.statusCode,
      error: error !== null ? { type: error.type, message: error.message, stacktrace: null } : null,
      tool: { name: OBSERVATION_TOOL, callId: null, arguments: null, result: error !== null && text.trim() === "" ? error.message : text },
    };
    const parseError = error !== null && ((error.type !== null && PARSE_ERROR_TYPE.test(error.type)) || PARSE_ERROR_TEXT.test(error.message.slice(0, 500)));
    out.set(s, { span: synthetic, error: error?.message ?? null, parseError });
  }
  return out;
}

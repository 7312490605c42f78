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
 * the step has no action, or the container failed while none of its actions did.
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

/** For each step, the span to read as its observation, when it has a container that adds something. */
export function containerObservations(index: SpanIndex, steps: readonly StepModel[]): Map<StepModel, NormalizedSpan> {
  const decisionsUnder = new Map<number, number>();
  for (const s of steps) {
    if (s.llm < 0) continue;
    const p = index.parent[s.llm]!;
    if (p >= 0) decisionsUnder.set(p, (decisionsUnder.get(p) ?? 0) + 1);
  }
  const out = new Map<StepModel, NormalizedSpan>();
  for (const s of steps) {
    if (s.llm < 0) continue;
    const p = index.parent[s.llm]!;
    if (p < 0 || decisionsUnder.get(p) !== 1) continue;
    const span = index.spans[p]!;
    if (span.type !== "chain" && span.type !== "other") continue;
    const error = containerError(span);
    const text = contentText(span.output);
    if (error === null && text.trim() === "") continue;
    if (s.actionSpans.length > 0 && error === null) continue;
    const synthetic: NormalizedSpan = {
      ...span,
      type: "tool",
      statusCode: error !== null ? "error" : span.statusCode,
      error: error !== null ? { type: error.type, message: error.message, stacktrace: null } : null,
      tool: { name: OBSERVATION_TOOL, callId: null, arguments: null, result: error !== null && text.trim() === "" ? error.message : text },
    };
    out.set(s, synthetic);
  }
  return out;
}

import type { SpanType } from "../normalized-span";
import { str } from "../normalize/attribute-values";
import { contentFromValue } from "../normalize/content";
import type { MappableSpan, MappedFields, SpanMapper } from "../normalize/mapper";
import { keyMatcher } from "../normalize/mapper";

/**
 * CrewAI's own OpenTelemetry spans (tracer `crewai.telemetry`, service
 * `crewAI-telemetry`; crewai/telemetry/telemetry.py). They carry no gen_ai.* or
 * OpenInference keys, only CrewAI's plain attributes, and CrewAI closes every one
 * with status OK, even "Tool Usage Error". What each span means:
 *   - "Task Execution": one agent working one task (agent_role; with share_crew the
 *     task text in formatted_description and the answer in task_output);
 *   - "Crew Execution" / "Flow Execution": the whole crew or flow (share_crew only);
 *   - "Tool Usage": one tool call (tool_name, attempts, llm);
 *   - "Tool Repeated Usage": a call CrewAI refused because the agent repeated the same
 *     tool with the same input (the agent is told "I tried reusing the same input…");
 *   - "Tool Usage Error": a tool call that failed (tool_name only in recent versions);
 *   - "Flow Completed": a flow's end, error_type set when it raised;
 *   - "Crew Created", "Task Created" and the deployment spans are configuration events.
 * Captures: CrewAI's test cassettes record these exports (packages/otlp/src/test-support/fixtures/crewai).
 */

const TELEMETRY_SCOPE = "crewai.telemetry";

const SPAN_TYPES: Record<string, SpanType> = {
  "Crew Execution": "chain",
  "Flow Execution": "chain",
  "Task Execution": "agent",
  "Tool Usage": "tool",
  "Tool Repeated Usage": "tool",
  "Tool Usage Error": "tool",
};

const consumes = keyMatcher({
  exact: [
    "agent_role",
    "formatted_description",
    "formatted_expected_output",
    "task_output",
    "crew_inputs",
    "crew_output",
    "tool_name",
    "attempts",
    "llm",
    "flow_name",
    "error_type",
    "outcome",
  ],
});

function errorOf(span: MappableSpan, tool: string | null): MappedFields["error"] | undefined {
  const a = span.attributes;
  if (span.name === "Tool Usage Error") {
    return { type: "crewai.tool_usage_error", message: tool ? `CrewAI reported that the ${tool} tool call failed` : "CrewAI reported that a tool call failed" };
  }
  if (span.name === "Tool Repeated Usage") {
    const attempts = str(a, "attempts");
    return {
      type: "crewai.tool_repeated_usage",
      message: `CrewAI refused a repeated ${tool ?? "tool"} call with the same input${attempts ? ` (attempt ${attempts})` : ""}`,
    };
  }
  const errorType = str(a, "error_type");
  if (span.name === "Flow Completed" && errorType) return { type: errorType, message: `Flow ended with ${errorType}` };
  return undefined;
}

function map(span: MappableSpan): MappedFields {
  const a = span.attributes;
  const out: MappedFields = { type: SPAN_TYPES[span.name] ?? "other" };
  const agent = str(a, "agent_role");
  if (agent) out.agentName = agent;
  const model = str(a, "llm");
  if (model) out.model = model;
  const input = contentFromValue(a.formatted_description ?? a.crew_inputs);
  if (input) out.input = input;
  const output = contentFromValue(a.task_output ?? a.crew_output);
  if (output) out.output = output;
  const tool = str(a, "tool_name");
  if (out.type === "tool" && tool) out.tool = { name: tool };
  const error = errorOf(span, tool);
  if (error) out.error = error;
  return out;
}

/** CrewAI's built-in telemetry spans (instrumentation scope `crewai.telemetry`). */
export const crewAiTelemetryMapper: SpanMapper = {
  name: "crewai",
  detect: (span) => span.scopeName === TELEMETRY_SCOPE,
  map,
  consumes,
};

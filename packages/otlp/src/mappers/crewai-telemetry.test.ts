import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { NormalizedSpan } from "../normalized-span";
import { decodeTraceRequestProtobuf } from "../protobuf/decode-trace-request";
import { crewAiTelemetryMapper } from "./crewai-telemetry";

/**
 * Real export bodies CrewAI's telemetry sent while CrewAI's tests ran, recorded in its
 * VCR cassettes (packages/otlp/src/test-support/fixtures/crewai/README.md says which cassette each is).
 * Every span is its own trace, status OK, scope `crewai.telemetry`.
 */
function capture(name: string): NormalizedSpan[] {
  const bytes = readFileSync(new URL(`../test-support/fixtures/crewai/${name}.otlp.pb`, import.meta.url));
  const result = decodeTraceRequestProtobuf(bytes);
  expect(result.rejected).toEqual([]);
  return result.spans;
}

describe("CrewAI telemetry mapper (real captures from CrewAI's cassettes)", () => {
  it("types tool, task and configuration spans; every span is recognised as CrewAI's", () => {
    // Why: without the mapper every CrewAI span was "other" (generic), so a run had no tools and no agents.
    const spans = capture("tool-usage");
    expect(spans.map((s) => [s.name, s.mapper, s.type])).toEqual([
      ["Tool Usage", "crewai", "tool"],
      ["Task Execution", "crewai", "agent"],
      ["Task Created", "crewai", "other"],
      ["Tool Usage", "crewai", "tool"],
      ["Task Execution", "crewai", "agent"],
      ["Crew Created", "crewai", "other"],
      ["Task Created", "crewai", "other"],
    ]);
    const tool = spans[0]!;
    expect(tool.tool).toEqual({ name: "multiplier", callId: null, arguments: null, result: null });
    expect(tool.error).toBeNull();
  });

  it("reads the agent, the task and its answer from a Task Execution span shared with share_crew", () => {
    const task = capture("task-execution-shared").find((s) => s.name === "Task Execution" && s.output !== null);
    expect(task).toMatchObject({
      type: "agent",
      agentName: "test agent",
      input: { kind: "text", text: "Say hello" },
      output: { kind: "text", text: "Hello!" },
      usage: { input: null, output: null },
    });
  });

  it("makes 'Tool Usage Error' a failed tool call although CrewAI closes it with status OK", () => {
    // Why: the span's name is the only sign of the failure; the analyzer reads span.error.
    const errors = capture("tool-usage-error").filter((s) => s.name === "Tool Usage Error");
    expect(errors).toHaveLength(4);
    for (const s of errors) {
      expect(s.statusCode).toBe("ok");
      expect(s.type).toBe("tool");
      expect(s.error).toEqual({ type: "crewai.tool_usage_error", message: "CrewAI reported that a tool call failed", stacktrace: null });
    }
  });

  it("makes 'Tool Repeated Usage' a refused tool call naming the tool", () => {
    const [span] = capture("tool-repeated-usage");
    expect(span).toMatchObject({ name: "Tool Repeated Usage", type: "tool", tool: { name: "Delegate work to coworker" } });
    expect(span!.error).toEqual({
      type: "crewai.tool_repeated_usage",
      message: "CrewAI refused a repeated Delegate work to coworker call with the same input (attempt 1)",
      stacktrace: null,
    });
  });

  it("leaves spans of other instrumentation scopes alone", () => {
    const [span] = capture("tool-repeated-usage");
    expect(crewAiTelemetryMapper.detect({ ...span!, scopeName: "openinference.instrumentation.crewai" })).toBe(false);
  });

  it("only reads attribute keys it declares as consumed", () => {
    // Why: diagnostics trust `consumes` to list the keys nobody mapped.
    const spans = ["tool-usage", "task-execution-shared", "tool-usage-error", "tool-repeated-usage"].flatMap(capture);
    for (const span of spans) {
      const read = new Set<string>();
      const attributes = new Proxy(span.attributes, {
        get(target, key, receiver) {
          if (typeof key === "string") read.add(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      crewAiTelemetryMapper.map({ ...span, attributes });
      const undeclared = [...read].filter((key) => key in span.attributes && !crewAiTelemetryMapper.consumes(key));
      expect({ span: span.name, undeclared }).toEqual({ span: span.name, undeclared: [] });
    }
  });
});

import { describe, expect, it } from "vitest";
import { parseJsonAllowingNaN } from "../artifact-input";
import { detectFormat, importArtifact } from "../registry";
import { readFixture, stepRows, structuralProblems } from "../test-support/fixtures";
import { stepsOfReprs } from "./smolagents-repr-steps";

// fixtures/smolagents/repr-steps-o1-vision-whitney.json (first run_gaia.py, January 2025):
//   intermediate_steps = [SystemPromptStep(...), TaskStep(...), 11 x ActionStep(...)] as repr strings,
//   agent_error NaN; steps 2, 3, 5 end in AgentExecutionError (helium LookupError on Google's page);
//   step 11: final_answer("adjutant general")   (expected "Russian-German Legion")
const WHITNEY = "smolagents/repr-steps-o1-vision-whitney.json";

describe("smolagents extractor, memory steps printed as Python reprs", () => {
  const content = readFixture(WHITNEY);
  const run = importArtifact("whitney.json", content).runs[0]!;

  it("detects the record though its agent_error is a bare NaN", () => {
    expect(detectFormat("r.json", content)).toMatchObject({ format: "smolagents", confidence: 0.95 });
  });

  it("makes one step per ActionStep with its code as python_interpreter, execution errors on the tool span", () => {
    expect(structuralProblems(run)).toEqual([]);
    expect(run.steps).toBe(11);
    const tools = stepRows(run).filter((r) => r.type === "tool");
    expect(tools.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((s) => s !== 10));
    expect(tools.filter((r) => r.status === "error").map((r) => r.step)).toEqual([2, 3, 5]);
    const failed = run.spans.find((s) => s.type === "tool" && s.attributes["onset.step.index"] === 2)!;
    expect(failed.error?.message ?? failed.statusMessage).toMatch(/^Code execution failed at line 'write\(/);
    const last = run.spans.find((s) => s.type === "tool" && s.attributes["onset.step.index"] === 11)!;
    expect(JSON.parse(String(last.tool?.arguments))).toEqual({ code: 'final_answer("adjutant general")' });
    expect(String(last.tool?.result)).toContain("adjutant general");
  });

  it("takes the task from the TaskStep and scores the answer with GAIA's scorer", () => {
    const root = run.spans[0]!;
    expect(JSON.stringify(run.spans[1]!.input)).toContain("accession number 2022.128");
    expect(root.attributes["onset.run.outcome"]).toBe("failed");
    expect(root.attributes["onset.run.outcome_reason"]).toBe("answer vs true_answer (GAIA scorer): no match");
    expect(JSON.stringify(run.spans)).not.toContain("Russian-German");
  });

  it("starts the run when the record says it started and ends it when it ended", () => {
    const root = run.spans[0]!;
    expect(new Date(root.startTimeMs).toISOString()).toBe("2025-01-27T23:01:46.000Z");
    expect(new Date(root.endTimeMs).toISOString()).toBe("2025-01-27T23:05:21.000Z");
    // The steps keep the synthetic clock's order, from the real start.
    expect(Math.min(...run.spans.slice(1).map((s) => s.startTimeMs))).toBe(root.startTimeMs);
  });
});

describe("stepsOfReprs", () => {
  it("reads a parse error (no tool calls) as a step with the exception's message, a PlanningStep as a step", () => {
    const memory = stepsOfReprs([
      "TaskStep(task='Find X', task_images=None)",
      "ActionStep(agent_memory=None, tool_calls=None, step_number=0, error=AgentParsingError('Error in code parsing:\\nno code'), llm_output='I think', observations=None, observations_images=None, action_output=None)",
      "PlanningStep(plan='1. search', facts='none yet')",
      "ActionStep(tool_calls=[ToolCall(name='python_interpreter', arguments='print(1)', id='call_2')], error=None, llm_output='Code: print(1)', observations='Execution logs:\\n1', observations_images=[<PIL.Image.Image image mode=RGB size=10x10 at 0x1>])",
    ]);
    expect(memory.task).toBe("Find X");
    expect(memory.steps.map((s) => [s.index, s.output, s.calls.length, s.error])).toEqual([
      [1, "I think", 0, "Error in code parsing:\nno code"],
      [2, "none yet\n\n1. search", 0, null],
      [3, "Code: print(1)", 1, null],
    ]);
    expect(memory.steps[2]!.calls[0]).toEqual({ id: "call_2", name: "python_interpreter", arguments: "print(1)" });
    expect(memory.steps[2]!.observation).toBe("Execution logs:\n1");
  });
});

describe("parseJsonAllowingNaN", () => {
  it("reads Python's bare NaN / Infinity as null and leaves strings alone", () => {
    expect(parseJsonAllowingNaN('{"a": NaN, "b": "NaN \\"x\\" Infinity", "c": [-Infinity, 1]}')).toEqual({ a: null, b: 'NaN "x" Infinity', c: [null, 1] });
    expect(() => parseJsonAllowingNaN("{a: NaN}")).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { importArtifact } from "../registry";
import { splitReActObservation } from "./chat-react";

// Assistant messages as CrewAI stores them (its test cassettes, eval/real/runs/crewai):
// the model's Thought/Action/Action Input with the tool's Observation appended by CrewAI.
const OK = '```\nThought: I need to start collecting data from step1 as required.\nAction: get_data\nAction Input: {"step":"step1"}\nObservation: Data for step1: incomplete, need to query more steps.';
const REPEATED =
  "```\nThought: I should continue using get_final_answer as instructed to gather more information.\nAction: get_final_answer\nAction Input: {}\nObservation: I tried reusing the same input, I must stop using this action input. I'll try something else instead.";
const FAILED =
  "```\nThought: you should always think about what to do\nAction: Say Hi\nAction Input: {}\nObservation: \nI encountered an error while trying to use the tool. This was the error: Simulated tool error.\n Tool Say Hi accepts these inputs: Tool Name: Say Hi";

describe("ReAct observations appended to the agent's message (CrewAI)", () => {
  it("splits the decision from the observation", () => {
    expect(splitReActObservation(OK)).toEqual({
      said: '```\nThought: I need to start collecting data from step1 as required.\nAction: get_data\nAction Input: {"step":"step1"}',
      tool: "get_data",
      arguments: '{"step":"step1"}',
      observed: "Data for step1: incomplete, need to query more steps.",
      error: null,
    });
  });

  it("reads CrewAI's refusal of a repeated call and its tool errors as failed results", () => {
    expect(splitReActObservation(REPEATED)?.error).toBe("I tried reusing the same input, I must stop using this action input. I'll try something else instead.");
    expect(splitReActObservation(FAILED)?.error).toBe("I encountered an error while trying to use the tool. This was the error: Simulated tool error.");
  });

  it("leaves final answers and actions without an observation alone", () => {
    expect(splitReActObservation("```\nThought: I now know the final answer\nFinal Answer: 42\n```")).toBeNull();
    expect(splitReActObservation('Thought: next\nAction: get_data\nAction Input: {"step":"step2"}')).toBeNull();
  });

  it("imports each ReAct turn as the agent's step with a tool call and its tool result", () => {
    // Why: read as text, the tool's output counted as the agent's own words and no tool ever failed.
    const messages = [
      { role: "system", content: "You are test role. test backstory" },
      { role: "user", content: "\nCurrent Task: Use the get_final_answer tool." },
      { role: "assistant", name: "test role", content: OK },
      { role: "assistant", name: "test role", content: REPEATED },
      { role: "assistant", name: "test role", content: "```\nThought: I now know the final answer\nFinal Answer: 42\n```" },
    ];
    const run = importArtifact("chat.json", JSON.stringify(messages)).runs[0]!;
    const rows = run.spans
      .filter((s) => s.type === "llm" || s.type === "tool")
      .map((s) => [s.type, s.attributes["onset.step.index"], s.tool?.name ?? null, s.tool?.arguments ?? null, s.error === null ? null : "error"]);
    expect(rows).toEqual([
      ["llm", 3, null, null, null],
      ["tool", 3, "get_data", '{"step":"step1"}', null],
      ["llm", 4, null, null, null],
      ["tool", 4, "get_final_answer", "{}", "error"],
      ["llm", 5, null, null, null],
    ]);
    const decision = run.spans.find((s) => s.type === "llm" && s.attributes["onset.step.index"] === 3)!;
    expect(decision.output).toMatchObject({ kind: "messages", messages: [{ toolCalls: [{ id: null, name: "get_data", arguments: '{"step":"step1"}' }] }] });
    expect(JSON.stringify(decision.output)).not.toContain("Observation");
  });

  it("reads CrewAI's native-tool-calling error result as a failed tool call", () => {
    // Why: "Error executing tool: Error" (crewai/tests/cassettes/test_increment_tool_errors.yaml) was read as a good result.
    const messages = [
      { role: "user", content: "Current Task: Evaluate and give a score between 1-5 for the title" },
      { role: "assistant", name: "Scorer", content: "", tool_calls: [{ id: "call_Ev", type: "function", function: { name: "scoring_examples", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "call_Ev", content: "Error executing tool: Error" },
    ];
    const tool = importArtifact("chat.json", JSON.stringify(messages)).runs[0]!.spans.find((s) => s.type === "tool")!;
    expect(tool.error?.message).toBe("Error executing tool: Error");
    expect(tool.statusCode).toBe("error");
  });
});

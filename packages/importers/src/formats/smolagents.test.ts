import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { readFixture, stepRows, structuralProblems } from "../test-support/fixtures";

// fixtures/smolagents/code-gaia-pineapple.json (CodeAgent, GPT-4o, GAIA "write only Guava"):
//   step 1-4, 6: output without a <code> block -> "Error in code parsing" fed back, nothing ran
//   step 5: print("Pineapple") | step 7: final_answer("Pineapple")   (expected "Guava")
// fixtures/smolagents/tool-calling-gaia-2.jsonl: two ToolCallingAgent records, one final_answer call each.
const CODE = "smolagents/code-gaia-pineapple.json";
const TOOLS = "smolagents/tool-calling-gaia-2.jsonl";

describe("smolagents extractor, CodeAgent record", () => {
  const content = readFixture(CODE);
  const run = importArtifact("code-gaia-pineapple.json", content).runs[0]!;

  it("detects smolagents memory messages in intermediate_steps", () => {
    expect(detectFormat("r.json", content)).toMatchObject({ format: "smolagents", confidence: 0.95 });
  });

  it("makes one step per assistant message; parse errors fail the llm span, code runs as python_interpreter", () => {
    expect(structuralProblems(run)).toEqual([]);
    expect(run.steps).toBe(7);
    const rows = stepRows(run);
    expect(rows.filter((r) => r.type === "llm").map((r) => r.status)).toEqual(["error", "error", "error", "error", "unset", "error", "unset"]);
    expect(rows.filter((r) => r.type === "tool")).toEqual([
      { type: "tool", step: 5, tool: "python_interpreter", args: { code: 'print("Pineapple")' }, exit: null, status: "unset" },
      { type: "tool", step: 7, tool: "python_interpreter", args: { code: expect.stringContaining('final_answer("Pineapple")') as unknown }, exit: null, status: "unset" },
    ]);
    const parseError = run.spans.find((s) => s.attributes["onset.step.index"] === 1 && s.type === "llm")!;
    expect(parseError.error?.message ?? parseError.statusMessage).toMatch(/^Error in code parsing:/);
    const last = run.spans.find((s) => s.type === "tool" && s.attributes["onset.step.index"] === 7)!;
    expect(last.tool?.result).toBe("Execution logs:\nLast output from code snippet:\nPineapple");
  });

  it("scores the answer against true_answer with GAIA's scorer, without putting the expected answer on the spans", () => {
    const root = run.spans[0]!;
    expect(root.attributes["onset.run.outcome"]).toBe("failed");
    expect(root.attributes["onset.run.outcome_reason"]).toBe("answer vs true_answer (GAIA scorer): no match");
    expect(JSON.stringify(run.spans)).not.toContain("Guava\"}");
  });
});

describe("smolagents extractor, ToolCallingAgent JSON Lines", () => {
  const result = importArtifact("tool-calling.jsonl", readFixture(TOOLS));

  it("imports one run per record, tool calls parsed from Python's repr", () => {
    expect(result.format).toBe("smolagents");
    expect(result.runs).toHaveLength(2);
    const [first] = result.runs;
    expect(stepRows(first!)).toEqual([
      { type: "llm", step: 1, tool: null, args: null, exit: null, status: "unset" },
      { type: "tool", step: 1, tool: "final_answer", args: { answer: "Guava" }, exit: null, status: "unset" },
    ]);
    expect(result.runs.map((r) => r.spans[0]!.attributes["onset.run.outcome"])).toEqual(["succeeded", "succeeded"]);
  });
});

describe("smolagents extractor, verdict fields and bad input", () => {
  const base = { question: "q", true_answer: "3", answer: "3", intermediate_steps: [] as unknown[] };
  const outcome = (rec: object) => importArtifact("r.json", JSON.stringify(rec), { format: "smolagents" }).runs[0]!.spans[0]!.attributes;

  it("is_correct wins; agent_error and iteration_limit_exceeded mean failed", () => {
    expect(outcome({ ...base, answer: "4", is_correct: true })["onset.run.outcome"]).toBe("succeeded");
    expect(outcome({ ...base, agent_error: "Error in generating model output:\nContextWindowExceededError" })).toMatchObject({
      "onset.run.outcome": "failed",
      "onset.run.outcome_reason": "agent_error Error in generating model output:",
    });
    expect(outcome({ ...base, iteration_limit_exceeded: true })["onset.run.outcome"]).toBe("failed");
    expect(outcome({ ...base, true_answer: undefined })["onset.run.outcome"]).toBeUndefined();
  });

  it("a tool error observation fails the tool span with the error text, without smolagents' retry advice", () => {
    const rec = {
      ...base,
      intermediate_steps: [
        { role: "user", content: [{ type: "text", text: "New task:\nq" }] },
        { role: "assistant", content: [{ type: "text", text: "<code>\n1/0\n</code>" }] },
        { role: "tool-call", content: [{ type: "text", text: "Calling tools:\n[{'id': 'call_1', 'type': 'function', 'function': {'name': 'python_interpreter', 'arguments': '1/0'}}]" }] },
        { role: "tool-response", content: [{ type: "text", text: "Error:\nCode execution failed at line '1/0' due to: ZeroDivisionError: division by zero\nNow let's retry: take care not to repeat previous errors! If you have retried several times, try a completely different approach.\n" }] },
      ],
    };
    const run = importArtifact("r.json", JSON.stringify(rec)).runs[0]!;
    const tool = run.spans.find((s) => s.type === "tool")!;
    expect(tool.statusCode).toBe("error");
    expect(tool.error?.message ?? tool.statusMessage).toBe("Code execution failed at line '1/0' due to: ZeroDivisionError: division by zero");
    expect(run.errors).toBe(1);
  });

  it("rejects a record whose intermediate_steps is not a list when the format is forced", () => {
    expect(() => importArtifact("r.json", JSON.stringify({ question: "q", intermediate_steps: "x" }), { format: "smolagents" })).toThrow(MalformedArtifactError);
  });
});

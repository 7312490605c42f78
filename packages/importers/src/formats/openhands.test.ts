import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { expectStepRows, llmRow, readFixture, stepRows, structuralProblems, toolRow } from "../test-support/fixtures";
import { toolArguments } from "./openhands-events";

// Fixture: fixtures/openhands/calc-fix.trajectory.json (CodeActAgent event list)
//
//   t(s) 1.6      5    6       9   9.3   12      15  15.4   18  18.3  21   23  25  25.1 28
//        [llm1   ][ls ][llm2  ][view]               [llm3][edit✗][llm4][edit][llm5][test][llm6][think][llm7][finish]
//                              [pytest rc1  ]
//   step 2 is ONE model response (resp-2) with two tool calls: one llm span, two tool spans.
//   llm_metrics are running totals; per-step usage and cost are their differences.
const TRAJECTORY = "openhands/calc-fix.trajectory.json";
const OUTPUT = "openhands/output.jsonl";

describe("openhands extractor", () => {
  const content = readFixture(TRAJECTORY);
  const run = importArtifact("calc-fix.trajectory.json", content).runs[0]!;

  it("detects a JSON array of action/observation events", () => {
    expect(detectFormat("t.json", content)).toMatchObject({ format: "openhands", confidence: 0.95 });
  });

  it("builds one step per model response, pairing observations by cause", () => {
    expectStepRows(run, {
      steps: 7,
      errors: 2,
      rows: [
        llmRow(1),
        toolRow(1, "execute_bash", { command: "cd /workspace/calc && ls" }, 0),
        llmRow(2),
        toolRow(2, "str_replace_editor", { path: "/workspace/calc/calc.py" }),
        toolRow(2, "execute_bash", { command: "cd /workspace/calc && python -m pytest -q" }, 1, "error"),
        llmRow(3),
        // ErrorObservation: old_str not found
        toolRow(3, "str_replace_editor", { path: "/workspace/calc/calc.py", command: "str_replace", old_str: "return a + b +1", new_str: "return a + b" }, null, "error"),
        llmRow(4),
        toolRow(4, "str_replace_editor", { path: "/workspace/calc/calc.py", command: "str_replace", old_str: "return a + b + 1", new_str: "return a + b" }),
        llmRow(5),
        toolRow(5, "execute_bash", { command: "cd /workspace/calc && python -m pytest -q" }, 0),
        llmRow(6),
        toolRow(6, "think", { thought: "The fix is minimal and the test passes." }),
        llmRow(7),
        toolRow(7, "finish", { final_thought: "The bug is fixed: add() no longer adds 1.", task_completed: "true" }),
      ],
    });
  });

  it("derives per-step tokens and cost from the running llm_metrics totals", () => {
    const llms = run.spans.filter((s) => s.type === "llm");
    expect(llms[0]!.usage).toEqual({ input: 5000, output: 120, cacheRead: 0, cacheWrite: 4800, reasoning: null });
    expect(llms[1]!.usage).toEqual({ input: 5300, output: 140, cacheRead: 4800, cacheWrite: 200, reasoning: null });
    expect(llms[1]!.costUsd).toBe(0.0091);
    const total = llms.reduce((sum, s) => sum + (s.costUsd ?? 0), 0);
    expect(total).toBeCloseTo(0.0611, 10);
    expect(run.spans[0]!.costUsd).toBeNull();
    expect(llms[0]!.model).toBe("claude-3-7-sonnet-20250219");
    expect(llms[0]!.agentName).toBe("CodeActAgent");
  });

  it("keeps the event timestamps, the error text and the action's event id", () => {
    const tools = run.spans.filter((s) => s.type === "tool");
    expect(tools[0]!.startTimeMs).toBe(Date.parse("2025-03-10T12:00:05Z"));
    expect(tools[0]!.endTimeMs).toBe(Date.parse("2025-03-10T12:00:06Z"));
    expect(tools[3]!.statusMessage).toMatch(/^No replacement was performed/);
    expect(tools[3]!.attributes["onset.source.index"]).toBe(10);
    expect(run.spans[0]!.attributes["onset.run.exit_status"]).toBe("finished");
    expect(run.spans[0]!.input).toEqual({ kind: "text", text: "Fix add() in calc.py: add(2, 2) returns 5." });
  });

  it("reads output.jsonl as one run per line, including the old [action, observation] pair layout", () => {
    const result = importArtifact("output.jsonl", readFixture(OUTPUT));
    expect(result.runs.map((r) => r.sourceRunId)).toEqual(["calc__calc-1", "old__format-2"]);
    const [modern, old] = result.runs;
    expect(modern!.steps).toBe(7);
    expect(modern!.spans[0]!.output).toMatchObject({ kind: "text", text: expect.stringContaining("+    return a + b") as unknown });
    expect(structuralProblems(old!)).toEqual([]);
    expect(stepRows(old!)).toEqual([
      llmRow(1),
      toolRow(1, "run", { command: "ls /nope" }, 2, "error"),
      llmRow(2),
      // exit_code -1: OpenHands' "no exit code" (timeout), an error without process.exit.code
      toolRow(2, "run", { command: "sleep 200" }, null, "error"),
    ]);
    expect(old!.spans[0]!.statusCode).toBe("error");
    expect(old!.spans[0]!.statusMessage).toBe("Agent got stuck in a loop");
    expect(old!.traceId).not.toBe(modern!.traceId);
    // a crash ("Agent got stuck in a loop") is a failure; a finished run with no test result is unknown
    expect(old!.spans[0]!.attributes["onset.run.outcome"]).toBe("failed");
    expect(modern!.spans[0]!.attributes["onset.run.outcome"]).toBeUndefined();
  });

  it("maps SWE-bench's test_result.report.resolved to the run outcome", () => {
    const lines = readFixture(OUTPUT).trim().split("\n").map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    lines[0]!.test_result!.report = { resolved: false };
    lines[1]!.report = { resolved: true } as unknown as Record<string, unknown>;
    const [first, second] = importArtifact("output.jsonl", lines.map((l) => JSON.stringify(l)).join("\n")).runs;
    expect(first!.spans[0]!.attributes).toMatchObject({ "onset.run.outcome": "failed", "onset.run.outcome_reason": "test_result.report.resolved false" });
    // the recorded verdict beats the crash
    expect(second!.spans[0]!.attributes).toMatchObject({ "onset.run.outcome": "succeeded", "onset.run.outcome_source": "importer" });
  });

  it.each([
    ["run keeps only the command", { action: "run", args: { command: "ls", thought: "t", blocking: false, is_input: false, hidden: false } }, { command: "ls" }],
    ["is_input true is a real argument", { action: "run", args: { command: "y", is_input: true } }, { command: "y", is_input: true }],
    ["think keeps its thought", { action: "think", args: { thought: "hmm" } }, { thought: "hmm" }],
    ["empty and null values are dropped", { action: "edit", args: { path: "a", file_text: null, content: "", insert_line: null } }, { path: "a" }],
  ])("tool arguments: %s", (_why, event, expected) => {
    expect(toolArguments(event)).toEqual(expected);
  });

  it("reports an event with neither action nor observation", () => {
    const events = JSON.parse(content) as Record<string, unknown>[];
    events.push({ id: 99, source: "agent", message: "?" , action: "run", args: {} });
    events.push({ id: 100, source: "agent", message: "neither" });
    expect(() => importArtifact("t.json", JSON.stringify(events), { format: "openhands" })).toThrow(MalformedArtifactError);
    expect(() => importArtifact("t.json", JSON.stringify(events), { format: "openhands" })).toThrow(/\[21\]: an event needs an `action` or an `observation`/);
  });
});

import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { readFixture, stepRows, structuralProblems } from "../test-support/fixtures";
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
    expect(structuralProblems(run)).toEqual([]);
    expect(run.steps).toBe(7);
    expect(run.errors).toBe(2);
    expect(stepRows(run)).toEqual([
      { type: "llm", step: 1, tool: null, args: null, exit: null, status: "unset" },
      { type: "tool", step: 1, tool: "execute_bash", args: { command: "cd /workspace/calc && ls" }, exit: 0, status: "unset" },
      { type: "llm", step: 2, tool: null, args: null, exit: null, status: "unset" },
      { type: "tool", step: 2, tool: "str_replace_editor", args: { path: "/workspace/calc/calc.py" }, exit: null, status: "unset" },
      { type: "tool", step: 2, tool: "execute_bash", args: { command: "cd /workspace/calc && python -m pytest -q" }, exit: 1, status: "error" },
      { type: "llm", step: 3, tool: null, args: null, exit: null, status: "unset" },
      {
        type: "tool",
        step: 3,
        tool: "str_replace_editor",
        args: { path: "/workspace/calc/calc.py", command: "str_replace", old_str: "return a + b +1", new_str: "return a + b" },
        exit: null,
        status: "error", // ErrorObservation: old_str not found
      },
      { type: "llm", step: 4, tool: null, args: null, exit: null, status: "unset" },
      {
        type: "tool",
        step: 4,
        tool: "str_replace_editor",
        args: { path: "/workspace/calc/calc.py", command: "str_replace", old_str: "return a + b + 1", new_str: "return a + b" },
        exit: null,
        status: "unset",
      },
      { type: "llm", step: 5, tool: null, args: null, exit: null, status: "unset" },
      { type: "tool", step: 5, tool: "execute_bash", args: { command: "cd /workspace/calc && python -m pytest -q" }, exit: 0, status: "unset" },
      { type: "llm", step: 6, tool: null, args: null, exit: null, status: "unset" },
      { type: "tool", step: 6, tool: "think", args: { thought: "The fix is minimal and the test passes." }, exit: null, status: "unset" },
      { type: "llm", step: 7, tool: null, args: null, exit: null, status: "unset" },
      {
        type: "tool",
        step: 7,
        tool: "finish",
        args: { final_thought: "The bug is fixed: add() no longer adds 1.", task_completed: "true" },
        exit: null,
        status: "unset",
      },
    ]);
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
      { type: "llm", step: 1, tool: null, args: null, exit: null, status: "unset" },
      { type: "tool", step: 1, tool: "run", args: { command: "ls /nope" }, exit: 2, status: "error" },
      { type: "llm", step: 2, tool: null, args: null, exit: null, status: "unset" },
      // exit_code -1: OpenHands' "no exit code" (timeout), an error without process.exit.code
      { type: "tool", step: 2, tool: "run", args: { command: "sleep 200" }, exit: null, status: "error" },
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

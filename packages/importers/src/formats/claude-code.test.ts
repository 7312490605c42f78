import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { expectStepRows, llmRow, readFixture, toolRow } from "../test-support/fixtures";
import { bashExitCode } from "./claude-code";

// Fixture: fixtures/claude-code/7f1c2b9e-4d1a-4f0e-9a55-3c2d1e0f9a11.jsonl (25 lines)
//
//   t(s)  0 prompt
//         0..6   step 1  msg_01 = 3 lines (thinking, text, tool_use) -> Bash npm test (Exit code 1)
//         11..15 step 2  Read
//         15..28 step 3  Task ──────────────┐ sidechain (sub-agent "general-purpose")
//                        19..23 step 4 Grep │
//                        23..27 step 5 answer┘
//         28..32 step 6  Edit (is_error: file not read)
//         32..36 step 7  Edit
//         36..45 step 8  msg_06 = 2 lines -> Bash npm test ‖ Bash git diff (parallel)
//         45..49 step 9  final answer
//   Step numbers follow the order responses appear in the file, sidechain included.
const FILE = "claude-code/7f1c2b9e-4d1a-4f0e-9a55-3c2d1e0f9a11.jsonl";

describe("claude-code extractor", () => {
  const content = readFixture(FILE);
  const run = importArtifact("7f1c2b9e-4d1a-4f0e-9a55-3c2d1e0f9a11.jsonl", content).runs[0]!;
  const byStep = (n: number, type: "llm" | "tool") =>
    run.spans.filter((s) => s.type === type && s.attributes["onset.step.index"] === n);

  it("detects the transcript by its user/assistant lines with uuid and sessionId", () => {
    expect(detectFormat("s.jsonl", content)).toMatchObject({ format: "claude-code", confidence: 0.95 });
  });

  it("merges the lines of one API response into one step and pairs tool results by tool_use_id", () => {
    expectStepRows(run, {
      steps: 9,
      errors: 2,
      rows: [
        llmRow(1),
        toolRow(1, "Bash", { command: "npm test", description: "Run tests" }, 1, "error"),
        llmRow(2),
        toolRow(2, "Read", { file_path: "/home/dev/dates/src/date.ts" }),
        llmRow(3),
        toolRow(3, "Task", expect.objectContaining({ subagent_type: "general-purpose" }) as unknown),
        llmRow(6),
        toolRow(6, "Edit", expect.objectContaining({ old_string: "firstDay: 0 }" }) as unknown, null, "error"),
        llmRow(7),
        toolRow(7, "Edit", expect.objectContaining({ new_string: "firstDay: 1 }" }) as unknown),
        llmRow(8),
        toolRow(8, "Bash", { command: "npm test", description: "Run tests" }, 0),
        toolRow(8, "Bash", { command: "git diff --stat", description: "Show diff" }, 0),
        llmRow(9),
        // the sub-agent's steps, emitted after the main conversation
        llmRow(4),
        toolRow(4, "Grep", { pattern: "isoWeek\\(", output_mode: "content" }),
        llmRow(5),
      ],
    });
  });

  it("counts a response's usage once, normalising Anthropic input to include cache reads and writes", () => {
    const step1 = byStep(1, "llm")[0]!;
    expect(step1.usage).toEqual({ input: 4 + 0 + 12000, output: 95, cacheRead: 0, cacheWrite: 12000, reasoning: null });
    expect(step1.attributes["onset.llm.reasoning"]).toBe("Run the tests first to see the failure.");
    expect(step1.output).toMatchObject({ kind: "messages", messages: [{ content: "Let me run the test suite.", toolCalls: [{ id: "toolu_01", name: "Bash" }] }] });
    expect(step1.model).toBe("claude-sonnet-4-20250514");
    expect(step1.provider).toBe("anthropic");
    expect(step1.input).toEqual({ kind: "messages", messages: [{ role: "user", content: "The date parser test fails, please fix it." }] });
  });

  it("hangs the sidechain under the Task tool span as its own agent", () => {
    const task = byStep(3, "tool")[0]!;
    const agent = run.spans.find((s) => s.type === "agent" && s.parentSpanId === task.spanId)!;
    expect(agent.agentName).toBe("general-purpose");
    expect(agent.input).toMatchObject({ kind: "text", text: expect.stringMatching(/^Find how isoWeek/) as unknown });
    const sub = [...byStep(4, "llm"), ...byStep(4, "tool"), ...byStep(5, "llm")];
    expect(sub.every((s) => s.parentSpanId === agent.spanId && s.agentName === "general-purpose")).toBe(true);
    expect(byStep(1, "llm")[0]!.agentName).toBe("claude-code");
  });

  it("keeps line timestamps: the LLM call from the previous line to the response's last line", () => {
    const step1 = byStep(1, "llm")[0]!;
    expect(step1.startTimeMs).toBe(Date.parse("2025-08-20T10:00:00Z"));
    expect(step1.endTimeMs).toBe(Date.parse("2025-08-20T10:00:06Z"));
    const bash = byStep(1, "tool")[0]!;
    expect(bash.endTimeMs).toBe(Date.parse("2025-08-20T10:00:11Z"));
    expect(bash.statusMessage).toBe("Exit code 1");
  });

  it("records the session, the summary and system lines on the root; skips meta lines", () => {
    const root = run.spans[0]!;
    expect(root.sessionId).toBe("7f1c2b9e-4d1a-4f0e-9a55-3c2d1e0f9a11");
    expect(root.attributes["onset.run.summary"]).toBe("Fix failing date parser test");
    expect(root.events.map((e) => e.name)).toEqual(["system.informational"]);
    expect(root.output).toMatchObject({ kind: "text", text: expect.stringMatching(/^Fixed: parseDate/) as unknown });
    expect(byStep(9, "llm")[0]!.input).toBeNull(); // the isMeta caveat is not user input
  });

  it("tolerates a half-written last line (a session still being recorded)", () => {
    const partial = `${content}{"type":"assistant","message":{"id":"msg_0`;
    expect(importArtifact("s.jsonl", partial).runs[0]!.steps).toBe(9);
  });

  it("rejects a broken line in the middle, naming it", () => {
    const lines = content.split("\n");
    lines[5] = "{not json";
    expect(() => importArtifact("s.jsonl", lines.join("\n"), { format: "claude-code" })).toThrow(MalformedArtifactError);
    expect(() => importArtifact("s.jsonl", lines.join("\n"), { format: "claude-code" })).toThrow(/line 6 is not JSON/);
  });

  it("rejects an assistant line without a message", () => {
    const lines = content.split("\n");
    lines[2] = JSON.stringify({ type: "assistant", uuid: "x", sessionId: "s" });
    expect(() => importArtifact("s.jsonl", lines.join("\n"))).toThrow(/line 3: message: every assistant line needs a `message`/);
  });

  it.each([
    ["a failing command reports its code in the text", "Exit code 2\nboom", true, undefined, 2],
    ["a successful, finished command ran to exit 0", "ok", false, { stdout: "ok", stderr: "", interrupted: false }, 0],
    ["an interrupted command has no exit code", "", false, { stdout: "", stderr: "", interrupted: true }, null],
    ["a backgrounded command has not exited yet", "", false, { stdout: "", interrupted: false, backgroundTaskId: "b1" }, null],
    ["an error without the Exit code prefix (permission denied) has none", "Permission denied", true, undefined, null],
  ])("bash exit code: %s", (_why, text, isError, toolUseResult, expected) => {
    expect(bashExitCode(text, isError, toolUseResult)).toBe(expected);
  });
});

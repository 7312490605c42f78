import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { expectStepRows, llmRow, readFixture, stepRows, structuralProblems, toolRow } from "../test-support/fixtures";

// v1 fixture: fixtures/mini-swe-agent/acme__tool-42.traj.json (no timestamps: synthetic clock)
//
//   step  1 ls -la [rc 0] | 2 --version [rc 2] | 3 two ```bash blocks -> format error |
//         4 sed [rc 0] | 5 --version [rc 0] | 6 submit (observation = the submission)
//
// v1.1 fixture: fixtures/mini-swe-agent/toolcall-v2.traj.json (epoch timestamps in extra)
//
//   t(s)  0   2        6.5 6.6  9                        70  72  72.5
//         [llm1][pytest rc1 ][llm2][sed && pytest: timed out][llm3][submit]
//               [ls src rc0 ]
const V1 = "mini-swe-agent/acme__tool-42.traj.json";
const V2 = "mini-swe-agent/toolcall-v2.traj.json";

describe("mini-swe-agent extractor, v1 (```bash blocks)", () => {
  const content = readFixture(V1);
  const run = importArtifact("acme__tool-42.traj.json", content).runs[0]!;

  it("detects trajectory_format mini-swe-agent-1", () => {
    expect(detectFormat("t.json", content)).toMatchObject({ format: "mini-swe-agent", confidence: 0.99 });
  });

  it("turns each assistant message into a step; returncodes become exit codes", () => {
    expectStepRows(run, {
      steps: 6,
      errors: 2,
      rows: [
        llmRow(1),
        toolRow(1, "bash", { command: "ls -la" }, 0),
        llmRow(2),
        toolRow(2, "bash", { command: "python -m tool --version" }, 2, "error"),
        // two actions in one response: mini-swe-agent rejects it and runs nothing
        llmRow(3, "error"),
        llmRow(4),
        toolRow(4, "bash", { command: expect.stringMatching(/^sed -i '3a parser/) as unknown }, 0),
        llmRow(5),
        toolRow(5, "bash", { command: "python -m tool --version" }, 0),
        llmRow(6),
        // the submitting command's "observation" is the submission: no returncode is rendered
        toolRow(6, "bash", { command: expect.stringContaining("COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT") as unknown }),
      ],
    });
  });

  it("records the format error's notice and keeps per-call tokens from extra.response.usage", () => {
    const llms = run.spans.filter((s) => s.type === "llm");
    expect(llms[2]!.statusMessage).toMatch(/^format error: Please always provide EXACTLY ONE action/);
    expect(llms[1]!.usage).toEqual({ input: 1710, output: 41, cacheRead: 1500, cacheWrite: null, reasoning: 0 });
    expect(llms[0]!.model).toBe("claude-sonnet-4-20250514");
    expect(llms[0]!.provider).toBe("anthropic");
  });

  it("keeps the step's source message index so labels on messages map back", () => {
    const tool = run.spans.filter((s) => s.type === "tool")[1]!;
    expect(tool.attributes["onset.source.index"]).toBe(5);
    expect(tool.tool!.result).toContain("unrecognized arguments: --version");
  });

  it("puts the instance cost on the root: v1 reports no per-call cost", () => {
    const root = run.spans[0]!;
    expect(root.costUsd).toBe(0.0512);
    expect(root.attributes["onset.run.exit_status"]).toBe("Submitted");
    expect(root.statusCode).toBe("unset");
    expect(run.sourceRunId).toBe("acme__tool-42");
  });

  it("marks a timed-out command (v1 timeout notice instead of an observation) as an error without an exit code", () => {
    const doc = JSON.parse(content) as { messages: { role: string; content: string }[] };
    doc.messages[3]!.content =
      "The last command <command>ls -la</command> timed out and has been killed.\nThe output of the command was:\n <output>\n\n</output>";
    const rows = stepRows(importArtifact("t.json", JSON.stringify(doc)).runs[0]!);
    expect(rows[1]).toEqual(toolRow(1, "bash", { command: "ls -la" }, null, "error"));
  });

  it("names the file and the path when a message has no role", () => {
    const doc = JSON.parse(content) as { messages: Record<string, unknown>[] };
    delete doc.messages[4]!.role;
    expect(() => importArtifact("bad.traj.json", JSON.stringify(doc))).toThrow(MalformedArtifactError);
    expect(() => importArtifact("bad.traj.json", JSON.stringify(doc))).toThrow(/mini-swe-agent artifact bad\.traj\.json: messages\[4\]\.role/);
  });
});

describe("mini-swe-agent extractor, v1.1 (tool calls)", () => {
  const run = importArtifact("toolcall-v2.traj.json", readFixture(V2)).runs[0]!;

  it("pairs tool results by tool_call_id, including two calls from one response", () => {
    expect(structuralProblems(run)).toEqual([]);
    expect(run.steps).toBe(3);
    expect(stepRows(run)).toEqual([
      llmRow(1),
      toolRow(1, "bash", { command: "pytest -q" }, 1, "error"),
      toolRow(1, "bash", { command: "ls src" }, 0),
      llmRow(2),
      // returncode -1 is "not executed / killed", not an exit code
      toolRow(2, "bash", { command: expect.stringContaining("timeout 1 pytest") as unknown }, null, "error"),
      llmRow(3),
      toolRow(3, "bash", { command: "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT" }),
    ]);
  });

  it("uses the recorded epoch timestamps and per-call cost", () => {
    const [root, llm1, pytest] = run.spans;
    const t0 = Date.UTC(2026, 0, 1);
    expect(llm1!.endTimeMs).toBe(t0 + 2000);
    expect(pytest!.startTimeMs).toBe(t0 + 2000);
    expect(pytest!.endTimeMs).toBe(t0 + 6500);
    expect(run.spans.filter((s) => s.type === "llm").map((s) => s.costUsd)).toEqual([0.004, 0.005, 0.0033]);
    expect(root!.costUsd).toBeNull(); // per-call costs already carry the total
    expect(root!.attributes["onset.run.reported_cost_usd"]).toBe(0.0123);
    const timeout = run.spans.filter((s) => s.type === "tool")[2]!;
    expect(timeout.statusMessage).toMatch(/timed out after 60 seconds/);
    expect(run.spans.filter((s) => s.type === "tool")[3]!.tool!.result).toBe("done\n");
  });

  it("marks the root failed when the exit message reports a limit", () => {
    const doc = JSON.parse(readFixture(V2)) as { info: Record<string, unknown>; messages: { extra?: Record<string, unknown> }[] };
    delete doc.info.exit_status;
    doc.messages[doc.messages.length - 1]!.extra = { exit_status: "LimitsExceeded", submission: "" };
    const root = importArtifact("t.json", JSON.stringify(doc)).runs[0]!.spans[0]!;
    expect(root.statusCode).toBe("error");
    expect(root.attributes["onset.run.exit_status"]).toBe("LimitsExceeded");
    expect(root.attributes["onset.run.outcome"]).toBe("failed");
    expect(root.attributes["onset.run.outcome_reason"]).toBe("exit status LimitsExceeded");
  });

  it("leaves the outcome unknown after a plain submission", () => {
    const root = importArtifact("t.json", readFixture(V2)).runs[0]!.spans[0]!;
    expect(root.attributes["onset.run.exit_status"]).toBe("Submitted");
    expect(root.attributes["onset.run.outcome"]).toBeUndefined();
  });
});

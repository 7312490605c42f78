import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { expectStepRows, llmRow, readFixture, toolRow } from "../test-support/fixtures";

// Fixture: fixtures/atif/trajectory.json (Terminus 2 style, ATIF-v1.2)
//
//   step_id  1 system | 2 user (task) | 3 agent | 4 agent | 5 agent | 6 system | 7 agent
//   t(s)     0          1               1..6      6..12     12..15    16         16..22
//   An agent step's interval since the previous step is split in half: LLM call, then tools.
//   3: one keystroke command, one result without source_call_id
//   4: two keystroke commands, ONE terminal screen after both (goes to the last command)
//   5: no tool call: a JSON parse error fed back as the observation
//   7: bash_command + mark_task_complete, result matched by source_call_id
const FILE = "atif/trajectory.json";

describe("atif extractor", () => {
  const content = readFixture(FILE);
  const run = importArtifact("trajectory.json", content).runs[0]!;

  it("detects the ATIF schema_version", () => {
    expect(detectFormat("trajectory.json", content)).toMatchObject({ format: "atif", confidence: 0.99 });
  });

  it("maps agent steps to llm + tool spans, keeping ATIF step_id as the step index", () => {
    expectStepRows(run, {
      steps: 4,
      errors: 0,
      rows: [
        llmRow(3),
        toolRow(3, "bash_command", { keystrokes: "ls -la /app\n", duration: 0.1 }),
        llmRow(4),
        toolRow(4, "bash_command", { keystrokes: "echo hi > /app/hello.txt\n", duration: 0.1 }),
        toolRow(4, "bash_command", { keystrokes: "bash /app/test.sh\n", duration: 1 }),
        llmRow(5),
        llmRow(7),
        toolRow(7, "bash_command", { keystrokes: "echo 'hi!' > /app/hello.txt && bash /app/test.sh\n", duration: 1 }),
        toolRow(7, "mark_task_complete", {}),
      ],
    });
  });

  it("attaches observation results to the right calls", () => {
    const tools = run.spans.filter((s) => s.type === "tool");
    expect(tools[0]!.tool!.result).toContain("ls -la /app");
    expect(tools[1]!.tool!.result).toBeNull(); // Terminus reads the screen once, after the last command
    expect(tools[2]!.tool!.result).toContain("FAIL: expected 'hi'");
    expect(tools[3]!.tool!.result).toContain("PASS");
    expect(tools[4]!.tool!.result).toBeNull();
    expect(tools[0]!.attributes["onset.tool.command"]).toBe("ls -la /app\n");
  });

  it("keeps per-step metrics (prompt_tokens includes cached tokens) and leaves totals off the root", () => {
    const llms = run.spans.filter((s) => s.type === "llm");
    expect(llms.map((s) => s.usage.input)).toEqual([1210, 1480, 1700, 1900]);
    expect(llms.map((s) => s.usage.cacheRead)).toEqual([0, 1200, 1470, 1650]);
    expect(llms[3]!.usage.cacheWrite).toBe(230);
    expect(llms.map((s) => s.costUsd)).toEqual([0.00591, 0.003391, 0.001251, 0.00357]);
    expect(run.spans[0]!.costUsd).toBeNull();
    expect(run.spans[0]!.attributes["onset.run.reported_cost_usd"]).toBe(0.014122);
    expect(llms[0]!.model).toBe("claude-sonnet-4-20250514");
    expect(llms[0]!.attributes["onset.llm.reasoning"]).toBe("I should inspect /app first.");
  });

  it("keeps the parse-error feedback of a tool-less step as an event on its llm span", () => {
    const step5 = run.spans.find((s) => s.type === "llm" && s.attributes["onset.step.index"] === 5)!;
    expect(step5.events).toHaveLength(1);
    expect(step5.events[0]!.attributes.content).toMatch(/^Previous response had parsing errors/);
  });

  it("uses step timestamps: the LLM call then the tools share the interval since the previous step", () => {
    const [root, llm3, tool3] = run.spans;
    expect(root!.startTimeMs).toBe(Date.parse("2025-11-02T08:30:01Z"));
    expect(llm3!.startTimeMs).toBe(Date.parse("2025-11-02T08:30:01Z"));
    expect(llm3!.endTimeMs).toBe(Date.parse("2025-11-02T08:30:03.500Z"));
    expect(tool3!.endTimeMs).toBe(Date.parse("2025-11-02T08:30:06Z"));
  });

  it("records system steps (context summarization handing off to a sub-agent) as root events", () => {
    const events = run.spans[0]!.events;
    expect(events.map((e) => e.name)).toEqual(["system.step", "system.step"]);
    expect(events[1]!.attributes["onset.subagent.session_ids"]).toEqual(["5d2f-summarization-1-summary"]);
    expect(run.spans[0]!.sessionId).toBe("5d2f0c1e-terminus");
  });

  it("puts final_metrics on the root when no step carries metrics", () => {
    const doc = JSON.parse(content) as { steps: Record<string, unknown>[] };
    for (const step of doc.steps) delete step.metrics;
    const bare = importArtifact("trajectory.json", JSON.stringify(doc)).runs[0]!;
    expect(bare.spans[0]!.costUsd).toBe(0.014122);
    expect(bare.spans[0]!.usage.input).toBe(6290);
  });

  it("records no verdict unless the trajectory's extra carries one", () => {
    expect(importArtifact("trajectory.json", content).runs[0]!.spans[0]!.attributes["onset.run.outcome"]).toBeUndefined();
    const doc = JSON.parse(content) as Record<string, unknown>;
    doc.extra = { success: false };
    const root = importArtifact("trajectory.json", JSON.stringify(doc)).runs[0]!.spans[0]!;
    expect(root.attributes).toMatchObject({ "onset.run.outcome": "failed", "onset.run.outcome_source": "importer", "onset.run.outcome_reason": "success false" });
  });

  it("keeps span ids unique when a producer repeats a step_id", () => {
    const doc = JSON.parse(content) as { steps: Record<string, unknown>[] };
    doc.steps[3]!.step_id = 3; // steps 3 and 4 now share step_id 3
    const dup = importArtifact("trajectory.json", JSON.stringify(doc)).runs[0]!;
    expect(new Set(dup.spans.map((s) => s.spanId)).size).toBe(dup.spans.length);
    expect(dup.steps).toBe(3);
  });

  it("rejects a step source outside system|user|agent", () => {
    const doc = JSON.parse(content) as { steps: Record<string, unknown>[] };
    doc.steps[2]!.source = "assistant";
    expect(() => importArtifact("trajectory.json", JSON.stringify(doc))).toThrow(MalformedArtifactError);
    expect(() => importArtifact("trajectory.json", JSON.stringify(doc))).toThrow(/atif artifact trajectory\.json: steps\[2\]\.source/);
  });
});

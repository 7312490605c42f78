import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { llmRow, readFixture, stepRows, structuralProblems, toolRow } from "../test-support/fixtures";
import { SYNTHETIC_BASE_TIME_MS } from "../timeline";

// Fixture: fixtures/swe-agent/marshmallow-code__marshmallow-1867.traj (SWE-agent 1.x
// layout, 8 steps, no timestamps: synthetic clock, 1 s per LLM call, execution_time per tool)
//
//   t(s) 0    1.2  2.6  3.6  4.8  5.8  6.2  7.2  7.7  8.7  9.8 10.8 10.9 11.9 12.8
//        [llm1][c1][llm2][e2][llm3][py3 ][llm4][s4][llm5][e5][llm6][py6 ][llm7][rm][llm8][submit]
const FILE = "swe-agent/marshmallow-code__marshmallow-1867.traj";

describe("swe-agent extractor", () => {
  const content = readFixture(FILE);
  const result = importArtifact("marshmallow-code__marshmallow-1867.traj", content);
  const run = result.runs[0]!;

  it("detects the .traj fingerprint with high confidence", () => {
    expect(detectFormat("x.traj", content)).toMatchObject({ format: "swe-agent" });
    expect(detectFormat("x.traj", content)!.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it("emits one run: a root, then an llm and a tool span per trajectory step", () => {
    expect(result.format).toBe("swe-agent");
    expect(result.runs).toHaveLength(1);
    expect(run.steps).toBe(8);
    expect(run.errors).toBe(0);
    expect(run.spans).toHaveLength(1 + 8 * 2);
    expect(structuralProblems(run)).toEqual([]);
    expect(run.sourceRunId).toBe("marshmallow-code__marshmallow-1867");
  });

  it("maps every step's action to a tool with {command} arguments, no exit codes (SWE-agent records none)", () => {
    const editArgs = { command: expect.stringContaining("edit 1:1\nfrom marshmallow.fields import TimeDelta") as unknown };
    expect(stepRows(run)).toEqual([
      llmRow(1),
      toolRow(1, "create", { command: "create reproduce.py" }),
      llmRow(2),
      toolRow(2, "edit", editArgs),
      llmRow(3),
      toolRow(3, "bash", { command: "python reproduce.py" }),
      llmRow(4),
      toolRow(4, "search_file", { command: expect.stringMatching(/^search_file /) as unknown }),
      llmRow(5),
      toolRow(5, "edit", { command: expect.stringMatching(/^edit 1474:1474/) as unknown }),
      llmRow(6),
      toolRow(6, "bash", { command: "python reproduce.py" }),
      llmRow(7),
      toolRow(7, "bash", { command: "rm reproduce.py" }),
      llmRow(8),
      toolRow(8, "submit", { command: "submit" }),
    ]);
  });

  it("keeps the observation as the tool result and the response as the llm output", () => {
    const tools = run.spans.filter((s) => s.type === "tool");
    expect(tools[2]!.tool!.result).toBe("344");
    expect(tools[5]!.tool!.result).toBe("345");
    const llm = run.spans.find((s) => s.type === "llm")!;
    expect(llm.output).toMatchObject({ kind: "messages", messages: [{ role: "assistant", toolCalls: [{ name: "create" }] }] });
    expect(llm.model).toBe("gpt-4o-2024-08-06");
    expect(llm.provider).toBe("openai");
    expect(llm.input).toMatchObject({ kind: "messages", messages: [{ role: "user" }] });
  });

  it("puts the run's token and cost totals on the root (SWE-agent has no per-step figures)", () => {
    const root = run.spans[0]!;
    expect(root.usage).toMatchObject({ input: 101234, output: 1850 });
    expect(root.costUsd).toBe(0.3417);
    expect(root.costSource).toBe("reported");
    expect(run.spans.filter((s) => s.type === "llm").every((s) => s.costUsd === null && s.usage.input === null)).toBe(true);
    expect(root.attributes["onset.run.exit_status"]).toBe("submitted");
    expect(root.statusCode).toBe("unset");
    expect(root.output).toMatchObject({ kind: "text", text: expect.stringContaining("int(round(") as unknown });
  });

  it("uses synthetic times from the fixed base, sizing tool spans by execution_time", () => {
    const [root, llm1, tool1] = run.spans;
    expect(root!.startTimeMs).toBe(SYNTHETIC_BASE_TIME_MS);
    expect(llm1!.endTimeMs - llm1!.startTimeMs).toBe(1000);
    expect(tool1!.startTimeMs).toBe(llm1!.endTimeMs);
    expect(tool1!.endTimeMs - tool1!.startTimeMs).toBe(210);
  });

  it("is idempotent: re-importing yields identical spans, and the path does not change the ids", () => {
    const again = importArtifact("/elsewhere/renamed.traj", content);
    expect(again.runs[0]!.spans.map((s) => s.spanId)).toEqual(run.spans.map((s) => s.spanId));
    expect(again.runs[0]!.traceId).toBe(run.traceId);
  });

  it.each([
    ["a non-submitted exit marks the root as failed", "exit_cost", "error", "failed"],
    ["an auto-submission after a limit is still abnormal", "submitted (exit_cost)", "error", "failed"],
    ["a format exit is a failure", "exit_format", "error", "failed"],
    ["a plain submission is a normal end, verdict unknown", "submitted", "unset", undefined],
  ])("%s", (_why, exitStatus, expected, outcome) => {
    const doc = JSON.parse(content) as { info: { exit_status: string } };
    doc.info.exit_status = exitStatus;
    const root = importArtifact("x.traj", JSON.stringify(doc)).runs[0]!.spans[0]!;
    expect(root.statusCode).toBe(expected);
    expect(root.attributes["onset.run.outcome"]).toBe(outcome);
    expect(root.attributes["onset.run.outcome_source"]).toBe(outcome === undefined ? undefined : "importer");
  });

  it("takes SWE-bench's resolved flag over the exit status", () => {
    const doc = JSON.parse(content) as { info: Record<string, unknown> };
    doc.info.resolved = true;
    const root = importArtifact("x.traj", JSON.stringify(doc)).runs[0]!.spans[0]!;
    expect(root.attributes).toMatchObject({ "onset.run.outcome": "succeeded", "onset.run.outcome_source": "importer", "onset.run.outcome_reason": "resolved true" });
  });

  it("reports a step whose action is not a string, naming file, format and path", () => {
    const doc = JSON.parse(content) as { trajectory: { action: unknown }[] };
    doc.trajectory[3]!.action = 42;
    const broken = JSON.stringify(doc);
    expect(() => importArtifact("broken.traj", broken)).toThrow(MalformedArtifactError);
    expect(() => importArtifact("broken.traj", broken)).toThrow(/swe-agent artifact broken\.traj: trajectory\[3\]\.action/);
  });

  it("reads SWE-agent 1.x function calls from history: the model's own arguments and call ids", () => {
    // fixtures/swe-agent/acme__text-7.traj: view | bash | str_replace | submit, each with history tool_calls
    const v1 = importArtifact("acme__text-7.traj", readFixture("swe-agent/acme__text-7.traj")).runs[0]!;
    expect(structuralProblems(v1)).toEqual([]);
    expect(stepRows(v1).filter((r) => r.type === "tool")).toEqual([
      toolRow(1, "str_replace_editor", { command: "view", path: "/testbed/text.py", view_range: [1, 12] }),
      toolRow(2, "bash", { command: expect.stringMatching(/^python -c/) as unknown }),
      toolRow(3, "str_replace_editor", expect.objectContaining({ command: "str_replace", new_str: "    return re.sub(r'[^a-z0-9]+', '-', s.lower()).strip('-')" }) as unknown),
      toolRow(4, "submit", {}),
    ]);
    const tools = v1.spans.filter((s) => s.type === "tool");
    expect(tools.map((s) => s.tool!.callId)).toEqual(["toolu_01", "toolu_02", "toolu_03", "toolu_04"]);
    expect(v1.spans[0]!.model).toBe("claude-sonnet-4-20250514");
    expect(v1.sourceRunId).toBe("acme__text-7");
  });
});

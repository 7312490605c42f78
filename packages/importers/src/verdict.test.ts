import { describe, expect, it } from "vitest";
import { firstVerdict, verdictFromExitStatus, verdictFromFields, verdictFromReward } from "./verdict";

describe("verdicts recorded by artifacts", () => {
  it.each([
    ["SWE-agent cost limit", "exit_cost", "failed"],
    ["SWE-agent context overflow", "exit_context", "failed"],
    ["SWE-agent format errors", "exit_format", "failed"],
    ["auto-submission after a limit", "submitted (exit_cost)", "failed"],
    ["mini-SWE-agent limits", "LimitsExceeded", "failed"],
    ["OpenHands error state", "error", "failed"],
    ["Magentic-One round limit", "Max rounds (20) reached.", "failed"],
    ["a submission says nothing about correctness", "submitted", null],
    ["mini-SWE-agent's submission", "Submitted", null],
    ["OpenHands finished", "finished", null],
    ["Magentic-One: no agent selected", "No agent selected.", null],
    ["no status", "", null],
  ])("exit status: %s", (_why, status, outcome) => {
    expect(verdictFromExitStatus(status)?.outcome ?? null).toBe(outcome);
  });

  it.each([
    ["full reward", 1.0, "succeeded"],
    ["no reward", 0.0, "failed"],
    ["partial reward is not success", 0.5, "failed"],
    ["reward as text", "1", "succeeded"],
    ["not a number", "n/a", null],
  ])("reward: %s", (_why, reward, outcome) => {
    expect(verdictFromReward(reward)?.outcome ?? null).toBe(outcome);
  });

  it("reads flags before rewards, and nested objects when named", () => {
    expect(verdictFromFields({ resolved: false, reward: 1 })).toEqual({ outcome: "failed", reason: "resolved false" });
    expect(verdictFromFields({ is_correct: true })).toEqual({ outcome: "succeeded", reason: "is_correct true" });
    expect(verdictFromFields({ test_result: { report: { resolved: true } } }, ["test_result"])).toBeNull();
    expect(verdictFromFields({ test_result: { report: { resolved: true } } }, ["test_result", "report"])?.reason).toBe("test_result.report.resolved true");
    expect(verdictFromFields({ report: { resolved: true } }, ["report"])).toEqual({ outcome: "succeeded", reason: "report.resolved true" });
    expect(verdictFromFields({ success: "maybe" })).toBeNull();
    expect(verdictFromFields([true])).toBeNull();
  });

  it("keeps the first verdict in order of authority", () => {
    expect(firstVerdict(null, { outcome: "succeeded", reason: "a" }, { outcome: "failed", reason: "b" })).toEqual({ outcome: "succeeded", reason: "a" });
    expect(firstVerdict(null, undefined)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { edit, sh } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { failureSignature, normalizeErrorText } from "./failure-signature";

describe("normalizeErrorText", () => {
  // Each row: two errors that are the same failure, worded with different particulars.
  const SAME: [string, string, string][] = [
    ["numbers and durations", "FAILED 3 tests in 0.53s", "FAILED 12 tests in 1.20s"],
    ["paths", "FileNotFoundError: /tmp/run-1/data.csv", "FileNotFoundError: /home/u/x/other.json"],
    ["quoted values", `KeyError: 'user_42'`, `KeyError: "order"`],
    ["hex ids and uuids", "no such container 3f9a2c1bd0", "no such container 550e8400-e29b-41d4-a716-446655440000"],
    ["test ids", "FAILED tests/test_calc.py::test_add - AssertionError", "FAILED tests/test_io.py::test_read - AssertionError"],
  ];
  it.each(SAME)("masks %s", (_why, a, b) => {
    expect(normalizeErrorText(a)).toBe(normalizeErrorText(b));
  });

  it("keeps what tells failures apart, from the first line that has words", () => {
    expect(normalizeErrorText("\n  \n  ModuleNotFoundError: No module named 'numpy'\nTraceback...")).toBe("ModuleNotFoundError: No module named <str>");
    expect(normalizeErrorText("KeyError: 'x'")).not.toBe(normalizeErrorText("ValueError: 'x'"));
  });
});

/** A failed run whose edit breaks a test: `file` and the numbers in the output vary. */
function brokenEdit(file: string, failed: number, agent = "coder") {
  const b = new RunBuilder();
  const a = b.agent(agent, { attrs: { "onset.run.outcome": "failed" } });
  sh(b, a, "pytest -q", "5 passed", 0);
  edit(b, a, file, "x = 1", "x = 2");
  sh(b, a, "pytest -q", `FAILED tests/test_${failed}.py::test_x - AssertionError: assert ${failed} == 3\n${failed} failed`, 1);
  return analyzeRun(b.build());
}

describe("failureSignature", () => {
  it("gives runs failing the same way the same key, whatever the files and numbers", () => {
    const one = failureSignature(brokenEdit("src/a.py", 1))!;
    const two = failureSignature(brokenEdit("lib/other/b.py", 7))!;
    expect(one).toEqual(two);
    expect(one).toMatchObject({ agentName: "coder", tool: "str_replace_editor" });
    expect(one.key).toMatch(/^fm_[0-9a-z]+$/);
    expect(one.errorClass).toBe("FAILED <path> - AssertionError: assert <n> == <n>");
  });

  it("tells another agent, or a run that did not fail, apart", () => {
    expect(failureSignature(brokenEdit("src/a.py", 1, "fixer"))!.key).not.toBe(failureSignature(brokenEdit("src/a.py", 1))!.key);
    const b = new RunBuilder();
    sh(b, b.agent("a", { attrs: { "onset.run.outcome": "succeeded" } }), "ls", "x", 0);
    expect(failureSignature(analyzeRun(b.build()))).toBeNull();
  });
});

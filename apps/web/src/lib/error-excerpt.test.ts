import { describe, expect, it } from "vitest";
import { errorExcerpt, failureLine } from "./error-excerpt";

const pytest = `F.FF                                                                     [100%]
=========================== short test summary info ============================
FAILED tests/test_checkout.py::test_small_order_total - assert 48.6 == 54.0
FAILED tests/test_tax.py::test_adds_vat - assert 97.2 == 108.0
3 failed, 1 passed in 0.07s`;

describe("errorExcerpt", () => {
  it.each([
    ["a typed error quotes type and message", { error: { type: "MaxTurnsExceeded", message: "Max turns (7) exceeded", stacktrace: null }, statusMessage: null, tool: null, output: null }, "MaxTurnsExceeded: Max turns (7) exceeded"],
    [
      "a test run quotes its first assertion, not the exit code",
      { error: { type: null, message: "run_tests exited with code 1", stacktrace: null }, statusMessage: "run_tests exited with code 1", tool: { name: "run_tests", callId: null, arguments: "{}", result: pytest }, output: null },
      "assert 48.6 == 54.0",
    ],
    ["an error message alone", { error: { type: null, message: "exit 2", stacktrace: null }, statusMessage: null, tool: null, output: null }, "exit 2"],
    ["a status message alone", { error: null, statusMessage: "timeout", tool: null, output: null }, "timeout"],
    ["nothing to quote", { error: null, statusMessage: null, tool: null, output: null }, null],
  ] as const)("%s", (_why, span, want) => {
    expect(errorExcerpt(span as Parameters<typeof errorExcerpt>[0])).toBe(want);
  });

  it("finds a Python exception line and clips long lines", () => {
    expect(failureLine("Traceback...\n  File x\nValueError: bad input")).toBe("ValueError: bad input");
    expect(failureLine(`Error: ${"x".repeat(400)}`)!.length).toBe(160);
    expect(failureLine("all good\n3 passed")).toBeNull();
  });
});

/**
 * Fails on purpose. Never part of a normal test run (the name matches no test glob):
 * test-guard/expect-failing-run.mjs runs it through a package's own vitest config,
 * database global setup included, and checks the run exits non-zero.
 */
import { expect, test } from "vitest";

test("fails on purpose, so the run must exit non-zero", () => {
  expect(1).toBe(2);
});

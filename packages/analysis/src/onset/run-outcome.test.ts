import { describe, expect, it } from "vitest";
import type { Attributes, SpanStatusCode } from "@onset/otlp";
import { buildRunModel } from "../steps/run-model";
import { sh } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { runOutcome } from "./run-outcome";

function run(rootAttrs: Attributes, status: SpanStatusCode, lastCheck: [string, number] | null) {
  const b = new RunBuilder();
  const a = b.agent("a", { attrs: rootAttrs, status });
  sh(b, a, "ls", "x", 0);
  if (lastCheck) sh(b, a, "pytest -q", lastCheck[0], lastCheck[1]);
  return buildRunModel(b.build());
}

// Each row: root attributes, root status, last check, caller option, expected [status, source], why.
const CASES: [Attributes, SpanStatusCode, [string, number] | null, "failed" | "succeeded" | undefined, [string, string], string][] = [
  [{}, "unset", null, "failed", ["failed", "option"], "the caller knows best"],
  [{ "onset.run.outcome": "resolved" }, "error", null, undefined, ["succeeded", "attribute"], "an importer's verdict beats the span status"],
  [{ "onset.run.outcome": false }, "ok", null, undefined, ["failed", "attribute"], "boolean verdicts are read too"],
  [{}, "error", null, undefined, ["failed", "status"], "root span error"],
  [{}, "unset", ["1 failed", 1], undefined, ["failed", "inferred"], "a check still failing at the end"],
  [{}, "ok", null, undefined, ["succeeded", "status"], "root span ok and nothing wrong at the end"],
  [{}, "unset", ["3 passed", 0], undefined, ["unknown", "none"], "nothing says either way"],
];

describe("runOutcome", () => {
  it.each(CASES)("%j %s %j %s -> %j (%s)", (attrs, status, check, option, expected) => {
    const o = runOutcome(run(attrs, status, check), option);
    expect([o.status, o.source]).toEqual(expected);
  });
});

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

/** A run whose root span's output is the agent's final answer and nothing else says how it went. */
function answered(answer: string) {
  const b = new RunBuilder();
  const a = b.agent("support");
  b.llm({ parent: a, text: "Let me look into that." });
  const spans = b.build();
  spans[0]!.output = { kind: "text", text: answer };
  return buildRunModel(spans);
}

// Each row: the final answer, whether it says the task was not done.
const ANSWERS: [string, boolean][] = [
  ["I could not find the population figure for 2020.", true],
  ["Unfortunately I was unable to retrieve the page, so no answer.", true],
  ["I cannot determine the year from the sources available.", true],
  ["I'm unable to access the PDF.", true],
  ["The task could not be completed.", true],
  // A refusal a service agent's rules call for is not the task left undone.
  ["I understand, but unfortunately I am unable to offer a refund for a basic economy ticket.", false],
  ["Unfortunately, I cannot change the refund destination to PayPal.", false],
  ["The population of Lyon in 2020 was 522,250.", false],
];

describe("a final answer that says the task was not done", () => {
  it.each(ANSWERS)("%j -> %s", (answer, gaveUp) => {
    const o = runOutcome(answered(answer));
    expect(o.status === "failed" && /not done/.test(o.reason)).toBe(gaveUp);
  });
});

// Each row: a final answer that gives nothing, and the reason's wording.
const NOTHING: [string, RegExp][] = [
  ["The exact figure cannot be determined from the available sources.", /not done/],
  ["Unknown", /says there is none/],
  ["Insufficient information.", /says there is none/],
  ["`", /no letter or digit/],
];

describe("a final answer that gives nothing", () => {
  it.each(NOTHING)("%j -> failed (%s)", (answer, why) => {
    const o = runOutcome(answered(answer));
    expect(o.status).toBe("failed");
    expect(o.reason).toMatch(why);
  });

  it("a short answer with a letter or a digit is an answer", () => {
    for (const answer of ["3", "Guava", ".s"]) expect(runOutcome(answered(answer)).status).toBe("unknown");
  });
});

describe("a managed agent that hit its step limit", () => {
  it("is a failure even when the manager went on to answer", () => {
    const b = new RunBuilder();
    const manager = b.agent("manager");
    b.llm({ parent: manager, text: "I will ask the search agent." });
    const search = b.agent("search_agent", { parent: manager });
    b.llm({ parent: search, text: "Searching for the 2020 census figure." });
    b.llm({ parent: search, text: "Error: Reached max steps." });
    b.llm({ parent: manager, text: "The search agent returned; I will write the answer from what I know." });
    b.llm({ parent: manager, text: "The population of Lyon in 2020 was 522,250." });
    const o = runOutcome(buildRunModel(b.build()));
    expect(o.status).toBe("failed");
    expect(o.reason).toMatch(/hit a limit: "Reached max steps"/);
  });
});

import { describe, expect, it } from "vitest";
import { diffRuns } from "./diff-runs";
import { decisionsDiffer, normalizedArguments } from "./content-divergence";
import { DiffResultSchema } from "./schemas";
import { makeRun } from "./test-spans";
import type { SpanSpec } from "./test-spans";

interface StepSpec {
  reasoning: string;
  tool: string;
  args: Record<string, unknown>;
}

const READ = (path: string): StepSpec => ({ reasoning: `I need to look at ${path} to see how the totals are computed before changing anything`, tool: "read_file", args: { path } });

/** A coding run: one LLM decision and one tool call per step, then the answer on the root span. */
function codingRun(steps: StepSpec[], answer: string): SpanSpec[] {
  const spans: SpanSpec[] = [{ id: "root", type: "agent", name: "coder", agent: "coder", start: 0, end: 1000, output: answer }];
  steps.forEach((s, i) => {
    const t = 10 + i * 20;
    spans.push({ id: `llm${i}`, parent: "root", type: "llm", name: "chat", model: "gpt-4o", start: t, end: t + 5, output: s.reasoning, finishReason: "tool_calls", toolCalls: [s.tool] });
    spans.push({ id: `tool${i}`, parent: "root", type: "tool", name: s.tool, start: t + 6, end: t + 10, tool: { name: s.tool, args: JSON.stringify(s.args), result: "ok" } });
  });
  return spans;
}

const shared = [READ("src/report.py"), READ("src/totals.py"), READ("tests/test_totals.py"), READ("src/rounding.py")];
const goodEdit: StepSpec = {
  reasoning: "The rounding happens before summing, so the total drifts; round once after the sum instead",
  tool: "edit_file",
  args: { path: "src/totals.py", old: "sum(round(x, 2) for x in xs)", new: "round(sum(xs), 2)" },
};
const badEdit: StepSpec = {
  reasoning: "The test expectation must be wrong, I will change the expected value to match what the code prints",
  tool: "edit_file",
  args: { path: "tests/test_totals.py", old: "== 54.0", new: "== 48.6" },
};
const runTests: StepSpec = { reasoning: "Now run the test suite to check that every total is right", tool: "bash", args: { command: "pytest" } };

describe("first content divergence", () => {
  // Same tools in the same order; B edits the test instead of the code at its fifth
  // decision (step 6: the agent's routing decision is step 1) and stops after the next
  // one, A goes on to re-check.
  const a = makeRun(codingRun([...shared, goodEdit, runTests, READ("src/report.py"), runTests], "Fixed: totals are rounded once after summing."));
  const b = makeRun(codingRun([...shared, badEdit, runTests], "Changed the test expectation."));
  const r = diffRuns(a, b);

  it("marks the decision that led to a different edit, before the method's t*", () => {
    expect(r.firstDivergence).not.toBeNull();
    expect(r.contentDivergence).toMatchObject({ kind: "decision", step: 6, spanIdA: "llm4", spanIdB: "llm4" });
    const cd = r.contentDivergence!;
    expect(cd.index).toBeLessThan(r.firstDivergence!.index);
    expect(r.pairs[cd.index]).toMatchObject({ op: "match", type: null });
    expect(r.pairs[cd.actionIndex]).toMatchObject({ op: "match", a: { spanId: "tool4" }, b: { spanId: "tool4" } });
    expect(cd.relative).toBeCloseTo(cd.index / r.pairs.length);
    // The structural t* is unchanged: the method's own.
    expect(r.firstDivergence!.step).toBeGreaterThan(6);
    expect(DiffResultSchema.parse(r)).toEqual(r);
  });

  it("marks the edit itself when the decisions read alike", () => {
    const sameWords = { ...badEdit, reasoning: goodEdit.reasoning };
    const b2 = makeRun(codingRun([...shared, sameWords, runTests], "Changed the test expectation."));
    expect(diffRuns(a, b2).contentDivergence).toMatchObject({ kind: "arguments", step: 6, spanIdA: "tool4", spanIdB: "tool4" });
  });

  it("is null when the runs ended the same way, whatever the arguments", () => {
    const b3 = makeRun(codingRun([...shared, badEdit, runTests, READ("src/report.py"), runTests], "Fixed: totals are rounded once after summing."));
    const d = diffRuns(a, b3);
    expect(d.answerChanged).toBe(false);
    expect(d.contentDivergence).toBeNull();
  });

  it("ignores reworded reasoning, key order and spacing in arguments", () => {
    const reworded = shared.map((s) => ({ ...s, reasoning: `Let me open it. ${s.reasoning.split(" ").reverse().join(" ")}`, args: JSON.parse(JSON.stringify(s.args)) }));
    const b4 = makeRun(codingRun([...reworded, { ...goodEdit, args: { new: goodEdit.args.new, old: goodEdit.args.old, path: goodEdit.args.path } }], "Gave up."));
    const d = diffRuns(a, b4);
    expect(d.answerChanged).toBe(true);
    expect(d.contentDivergence).toBeNull();
    expect(normalizedArguments('{ "b": 1, "a": [1, 2] }')).toBe(normalizedArguments('{"a":[1,2],"b":1}'));
    expect(normalizedArguments("ls   -la\n src")).toBe("ls -la src");
  });

  it("compares decisions by shared words, and not at all when too short", () => {
    expect(decisionsDiffer(goodEdit.reasoning, badEdit.reasoning)).toBe(true);
    expect(decisionsDiffer(goodEdit.reasoning, `${goodEdit.reasoning} now`)).toBe(false);
    expect(decisionsDiffer("ok", "no")).toBe(false);
  });

  it("is null after t*: the structural divergence already comes first", () => {
    const early = makeRun(codingRun([READ("src/report.py"), { ...badEdit }], "Changed the test expectation."));
    const d = diffRuns(a, early);
    expect(d.contentDivergence).toBeNull();
  });
});

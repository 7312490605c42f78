import { describe, expect, it } from "vitest";
import { call, edit, say, sh } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { findOnset } from "./find-onset";
import type { OnsetResult } from "./localize-onset";

function labelOf(r: OnsetResult, stepId: string): string | undefined {
  return r.labels.find((l) => l.stepId === stepId)?.label;
}

function kindsOf(r: OnsetResult, stepId: string): string[] {
  return r.labels.find((l) => l.stepId === stepId)?.evidence.map((e) => e.kind) ?? [];
}

const FAIL = "FAILED tests/test_calc.py::test_add - AssertionError\n1 failed, 4 passed";

describe("verification regression: a check that passed now fails; blame the change between", () => {
  it("blames the change the failure output names, not an unrelated one in the same window", () => {
    // s0 pytest PASS | s1 edit util.py | s2 edit calc.py | s3 pytest FAIL (names src/calc.py)
    const b = new RunBuilder();
    const a = b.agent("coder");
    sh(b, a, "pytest -q", "5 passed", 0);
    const util = edit(b, a, "src/util.py", "def f(): pass", "def f(): return 1");
    const calc = edit(b, a, "src/calc.py", "return a + b", "return a - b");
    sh(b, a, "pytest -q", `${FAIL}\nsrc/calc.py:3: in add`, 1);
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(labelOf(r, calc)).toBe("incorrect");
    expect(kindsOf(r, calc)).toContain("verification-regression");
    expect(labelOf(r, util)).toBeUndefined();
    expect(r.onset?.stepId).toBe(calc);
  });

  it("blames the earliest change when the output names none, and flags it even in a successful run", () => {
    // s0 PASS | s1 edit a.py | s2 edit b.py | s3 FAIL (no path) | s4 edit b.py | s5 PASS -> run succeeded
    const b = new RunBuilder();
    const a = b.agent("coder");
    sh(b, a, "pytest -q", "5 passed", 0);
    const first = edit(b, a, "src/a.py", "x = 1", "x = 2");
    edit(b, a, "src/b.py", "y = 1", "y = 2");
    sh(b, a, "pytest -q", FAIL, 1);
    edit(b, a, "src/b.py", "y = 2", "y = 3");
    sh(b, a, "pytest -q", "5 passed", 0);
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(labelOf(r, first)).toBe("incorrect");
    expect(r.onset).toBeNull();
  });

  it("blames nothing when the check flips with no change in between (flaky)", () => {
    const b = new RunBuilder();
    const a = b.agent("coder");
    sh(b, a, "pytest -q", "5 passed", 0);
    sh(b, a, "cat src/a.py", "x = 1", 0);
    sh(b, a, "pytest -q", FAIL, 1);
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(r.labels.filter((l) => l.label === "incorrect")).toEqual([]);
  });
});

describe("backtracks: a change the agent reverted was wrong", () => {
  it("flags the changes a git checkout of their file reverted, not changes to other files", () => {
    // s0 edit a.py | s1 edit b.py | s2 git checkout -- a.py
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "cat src/a.py src/b.py", "...", 0);
    const ea = edit(b, ag, "src/a.py", "x = 1", "x = 2");
    const eb = edit(b, ag, "src/b.py", "y = 1", "y = 2");
    sh(b, ag, "git checkout -- src/a.py");
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(kindsOf(r, ea)).toEqual(["reverted-change"]);
    expect(labelOf(r, eb)).toBeUndefined();
  });

  it("undo_edit reverts only the last edit of the file", () => {
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "cat src/a.py", "...", 0);
    const e1 = edit(b, ag, "src/a.py", "x = 1", "x = 2");
    const e2 = edit(b, ag, "src/a.py", "z = 1", "z = 2");
    b.step({ parent: ag, calls: [{ tool: "str_replace_editor", args: { command: "undo_edit", path: "src/a.py" }, result: "undone" }] });
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(labelOf(r, e2)).toBe("incorrect");
    expect(labelOf(r, e1)).toBeUndefined();
  });

  it("does not count removing a debug print as reverting a wrong change", () => {
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "cat src/a.py", "...", 0);
    const add = edit(b, ag, "src/a.py", "y = f(x)", "y = f(x)\nprint('DEBUG', y)");
    sh(b, ag, "git checkout -- src/a.py");
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(labelOf(r, add)).toBeUndefined();
  });

  it("notes an edit whose inserted text a later edit replaced (weak alone, decisive with other evidence)", () => {
    // s0 cat | s1 edit (inserts T) | s2 edit replacing T | s3 pytest FAIL, never passes
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "pytest -q", FAIL, 1);
    sh(b, ag, "cat src/calc.py", "return a + b", 0);
    const e1 = edit(b, ag, "src/calc.py", "return a + b", "return sum([a, b, 0])");
    edit(b, ag, "src/calc.py", "return sum([a, b, 0])", "return a + b + 0");
    sh(b, ag, "pytest -q", FAIL, 1);
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(kindsOf(r, e1)).toEqual(expect.arrayContaining(["rewritten-change", "failing-check"]));
    expect(r.onset?.stepId).toBe(e1);
  });
});

describe("errors and what consumed them", () => {
  it("an error fixed at once is benign; the first error recovered is said not to be the onset", () => {
    // s0 pyhton -m pytest (typo, 127) | s1 python -m pytest ok | s2 cat | s3 edit never verified
    const b = new RunBuilder();
    const ag = b.agent("coder");
    const typo = sh(b, ag, "pyhton -m pytest -q", "bash: pyhton: command not found", 127);
    sh(b, ag, "python -m pytest -q", "5 passed", 0);
    sh(b, ag, "cat src/a.py", "x", 0);
    const change = edit(b, ag, "src/a.py", "x = 1", "x = 2");
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(labelOf(r, typo)).toBeUndefined();
    expect(r.onset?.stepId).toBe(change);
    expect(r.onset?.evidence.some((e) => e.kind === "conflict" && e.text.includes("recovered"))).toBe(true);
  });

  it("an error never recovered blames its step; the next step that carried on consumed it", () => {
    // s0 edit fails (old_str not found) | s1 pytest (carries on) | s2 submit
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "cat src/a.py", "x", 0);
    const bad = edit(b, ag, "src/a.py", "x == 1", "x == 2", "No replacement was performed, old_str `x == 1` did not appear verbatim in src/a.py.");
    const next = sh(b, ag, "python run.py", "done", 0);
    sh(b, ag, "submit", "diff", 0);
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(r.onset?.stepId).toBe(bad);
    expect(kindsOf(r, bad)).toContain("unresolved-error");
    expect(r.chain.find((c) => c.stepId === next)?.evidence.map((e) => e.kind)).toContain("consumed-error");
  });

  it("outages and empty searches are not the agent's fault", () => {
    const b = new RunBuilder();
    const ag = b.agent("researcher");
    const outage = call(b, ag, "web_search", { query: "a" }, "", { error: "503 Service Unavailable" });
    const miss = sh(b, ag, "cat notes/missing.md", "cat: notes/missing.md: No such file or directory", 1);
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(labelOf(r, outage)).toBeUndefined();
    expect(labelOf(r, miss)).toBeUndefined();
  });
});

describe("how a failed run ended", () => {
  it("blames the attempted fixes of a check that never passed, the first most", () => {
    // s0 repro FAIL | s1 edit | s2 repro FAIL | s3 edit | s4 repro FAIL | s5 submit
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "cat src/a.py src/b.py", "...", 0);
    sh(b, ag, "python reproduce.py", "Traceback (most recent call last):\nValueError: bad", 1);
    const fix1 = edit(b, ag, "src/b.py", "p = 1", "p = 2");
    sh(b, ag, "python reproduce.py", "Traceback (most recent call last):\nValueError: bad", 1);
    const fix2 = edit(b, ag, "src/b.py", "q = 1", "q = 2");
    sh(b, ag, "python reproduce.py", "Traceback (most recent call last):\nValueError: bad", 1);
    const submit = sh(b, ag, "submit", "diff", 0);
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(labelOf(r, fix1)).toBe("incorrect");
    expect(labelOf(r, fix2)).toBe("incorrect");
    expect(r.onset?.stepId).toBe(fix1);
    // A submit ships the state: it joins the chain, it is not itself the wrong step.
    expect(labelOf(r, submit)).toBeUndefined();
    expect(r.chain.find((c) => c.stepId === submit)?.relation).toBe("affected");
  });

  it("blames a change no check ever looked at when the run failed", () => {
    // s0 pytest PASS | s1 cat | s2 edit (never verified) | s3 submit
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "pytest -q", "5 passed", 0);
    sh(b, ag, "cat src/a.py", "x", 0);
    const change = edit(b, ag, "src/a.py", "x = 1", "x = 2");
    sh(b, ag, "submit", "diff", 0);
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(kindsOf(r, change)).toContain("unverified-change");
    expect(r.onset?.stepId).toBe(change);
  });

  it("an answer given over an unresolved error is itself incorrect", () => {
    // s0 search OK | s1 search 503 | s2 search 503 | s3 answer
    const b = new RunBuilder();
    const ag = b.agent("researcher");
    call(b, ag, "web_search", { query: "a population" }, "Lyon has 522,250 inhabitants");
    call(b, ag, "web_search", { query: "b population" }, "", { error: "503 Service Unavailable" });
    call(b, ag, "web_search", { query: "b population" }, "", { error: "503 Service Unavailable" });
    const answer = say(b, ag, "Lyon has more people.");
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(kindsOf(r, answer)).toContain("submit-with-error");
    expect(r.onset?.stepId).toBe(answer);
  });

  it("blames a failed action the final answer carried on over, with the answer in the chain", () => {
    // s0 code OK | s1 code fails (NameError), never fixed | s2 answer as if it had worked
    const b = new RunBuilder();
    const ag = b.agent("researcher");
    call(b, ag, "code_executor", { code: "print(feeds())" }, "exitcode: 0 (execution succeeded)\nCode output: 3 feeds");
    const failed = call(b, ag, "code_executor", { code: "print(urllib.parse.quote(q))" }, "exitcode: 1 (execution failed)\nNameError: name 'urllib' is not defined", { error: "NameError: name 'urllib' is not defined" });
    const answer = say(b, ag, "Here is the summary of this month's news on the topic.");
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(r.onset?.stepId).toBe(failed);
    expect(r.onset!.evidence.some((e) => e.kind === "unresolved-error" && /the final answer at step 3 carried on over it/.test(e.text))).toBe(true);
    expect(r.chain.map((l) => l.stepId)).toContain(answer);
  });

  it("names the first repeat of a loop the run never left", () => {
    // s0 pytest FAIL (import error) | s1..s4 the same pytest, same output
    const b = new RunBuilder();
    const ag = b.agent("coder");
    const out = "E   ModuleNotFoundError: No module named 'compat'";
    sh(b, ag, "pytest -q", out, 4);
    const firstRepeat = sh(b, ag, "pytest -q", out, 4);
    const later = [sh(b, ag, "pytest -q", out, 4), sh(b, ag, "pytest -q", out, 4)];
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(r.onset?.stepId).toBe(firstRepeat);
    expect(kindsOf(r, firstRepeat)).toContain("loop-onset");
    expect(later.map((id) => labelOf(r, id))).toEqual(["unuseful", "unuseful"]);
  });
});

describe("a failed conversation with no evidence anywhere", () => {
  it("names its first substantive message, not its last words", () => {
    // A group chat: a planner answers in words, a critic approves, the planner restates.
    const b = new RunBuilder();
    const chat = b.agent("chat_manager");
    b.step({ parent: chat, agentName: "Planner", text: "OK.", calls: [] });
    const plan = b.step({ parent: chat, agentName: "Planner", text: `Plan: use the SparkTrials class from flaml.model to run trials in parallel. ${"It takes the DataFrame and a time budget; call fit() with both. ".repeat(4)}`, calls: [] });
    b.step({ parent: chat, agentName: "Critic", text: `The plan looks complete and correct. ${"Nothing to add. ".repeat(3)}`, calls: [] });
    b.step({ parent: chat, agentName: "Planner", text: "Final: use SparkTrials.", calls: [] });
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(r.onset?.stepId).toBe(plan.llmId);
    expect(r.onset?.evidence.some((e) => e.kind === "fallback" && /first substantive message/.test(e.text))).toBe(true);
  });
});

describe("ungrounded numbers carried forward", () => {
  it("flags a number no tool showed, and the steps that carried it, but not numbers derived from grounded ones", () => {
    // s0 search -> 1,703 | s1 search -> 2,649 | s2 says 946 (derived: ok) | s3 says 1,307 (ungrounded) + calc -> 1342 (tainted) | s4 answer 1342
    const b = new RunBuilder();
    const ag = b.agent("analyst");
    call(b, ag, "web_search", { query: "capacity 2019" }, "Denmark had 1,703 MW offshore at the end of 2019.");
    call(b, ag, "web_search", { query: "capacity 2023" }, "Denmark 2,649 MW offshore in 2023.");
    const derived = say(b, ag, "So growth was 946 MW.");
    const claim = call(b, ag, "calculator", { expression: "2649 - 1307" }, "1342", { text: "I recall 1,307 MW for 2019." });
    const answer = say(b, ag, "Capacity grew by 1342 MW.");
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(labelOf(r, derived)).toBeUndefined();
    expect(kindsOf(r, claim)).toContain("ungrounded-claim");
    expect(r.onset?.stepId).toBe(claim);
    expect(labelOf(r, answer)).toBe("incorrect");
  });

  it("grounds a number the message computes from numbers it stated before it, and its repeats later", () => {
    // Many variants read after the order push its price out of the recent numbers; the
    // message restates both prices and their difference, and the next message repeats it.
    const b = new RunBuilder();
    const ag = b.agent("support");
    call(b, ag, "get_order_details", { order_id: "#W5166363" }, '{"items": [{"name": "Laptop", "price": 2749.56}], "status": "pending"}');
    const variants = Array.from({ length: 30 }, (_, k) => `"${8997785118 + k}": {"price": ${(2400 + 11.37 * k).toFixed(2)}}`).join(", ");
    call(b, ag, "get_product_details", { product_id: "4760268021" }, `{"variants": {${variants}, "1684786391": {"price": 2530.72}}}`);
    const diff = say(b, ag, "The original laptop ($2749.56) and the new one ($2530.72) differ by $218.84, which will be refunded.");
    const again = say(b, ag, "To confirm: the $218.84 difference goes back to your PayPal account.");
    const invented = say(b, ag, "You will also receive a $35.20 store credit.");
    const r = findOnset(b.build(), { outcome: "failed" });
    expect(kindsOf(r, diff)).not.toContain("ungrounded-claim");
    expect(kindsOf(r, again)).not.toContain("ungrounded-claim");
    expect(kindsOf(r, invented)).toContain("ungrounded-claim");
  });

  it("stays silent on successful runs", () => {
    const b = new RunBuilder();
    const ag = b.agent("analyst");
    say(b, ag, "It is 4,321.");
    expect(findOnset(b.build(), { outcome: "succeeded" }).labels).toEqual([]);
  });
});

describe("unuseful steps", () => {
  it("labels re-reading the same file with nothing changed in between as redundant exploration", () => {
    const b = new RunBuilder();
    const ag = b.agent("coder");
    sh(b, ag, "cat src/a.py", "x = 1", 0);
    const again = sh(b, ag, "cat src/a.py", "x = 1", 0);
    sh(b, ag, "sed -i 's/1/2/' src/a.py", "", 0);
    const afterChange = sh(b, ag, "cat src/a.py", "x = 2", 0);
    const r = findOnset(b.build(), { outcome: "succeeded" });
    expect(labelOf(r, again)).toBe("unuseful");
    expect(kindsOf(r, again)).toEqual(["redundant-exploration"]);
    expect(labelOf(r, afterChange)).toBeUndefined();
  });
});

import type { NormalizedSpan } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import type { OpenAIChatMessage } from "../schema/replay-schema";
import { RunBuilder } from "../test-support/span-builder";
import { buildReplayBundle } from "./build-replay-bundle";

/** OpenAI's rule: each tool message answers a call of the latest assistant message, and each call is answered before the next turn. */
function expectValidChat(messages: OpenAIChatMessage[]): void {
  let open: string[] = [];
  const answered = new Set<string>();
  for (const m of messages) {
    if (m.role === "tool") {
      expect(open, `tool message ${m.tool_call_id} answers no open call`).toContain(m.tool_call_id);
      open = open.filter((id) => id !== m.tool_call_id);
      answered.add(m.tool_call_id);
      continue;
    }
    expect(open, "calls left unanswered before the next turn").toEqual([]);
    open = m.role === "assistant" ? (m.tool_calls ?? []).map((c) => c.id) : [];
    for (const id of open) expect(answered.has(id), `call id ${id} reused`).toBe(false);
  }
  expect(open).toEqual([]);
}

const TOOL_DEFS = JSON.stringify([
  { type: "function", function: { name: "bash", description: "Run a shell command", parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] } } },
]);
const FAIL = "FAILED tests/test_calc.py::test_add - AssertionError\nsrc/calc.py:3: in add\n1 failed, 4 passed";

/**
 * A coding run whose onset is step 3 (index 2), the edit a later test run names:
 *
 *   coder |====================================================|
 *   s0 chat → bash pytest -q        5 passed
 *   s1 chat → bash cat src/calc.py  def add(a, b): return a + b
 *   s2 chat → str_replace_editor src/calc.py  a + b → a - b        <- onset
 *   s3 chat → bash pytest -q        FAILED (names src/calc.py)
 *   s4 chat "Done."                  (run failed)
 */
function codingRun(): { spans: NormalizedSpan[]; ids: string[]; callIds: string[] } {
  const b = new RunBuilder();
  const a = b.agent("coder");
  const steps = [
    b.step({ parent: a, withCallIds: true, text: "Let me run the tests first.", calls: [{ tool: "bash", args: { command: "pytest -q" }, result: "5 passed", exit: 0 }] }),
    b.step({ parent: a, withCallIds: true, calls: [{ tool: "bash", args: { command: "cat src/calc.py" }, result: "def add(a, b): return a + b", exit: 0 }] }),
    b.step({
      parent: a,
      withCallIds: true,
      text: "I will change the operator.",
      calls: [{ tool: "str_replace_editor", args: { command: "str_replace", path: "src/calc.py", old_str: "return a + b", new_str: "return a - b" }, result: "The file src/calc.py has been edited." }],
    }),
    b.step({ parent: a, withCallIds: true, calls: [{ tool: "bash", args: { command: "pytest -q" }, result: FAIL, exit: 1 }] }),
    b.step({ parent: a, text: "Done.", calls: [] }),
  ];
  const spans = b.build();
  const first = spans.find((s) => s.spanId === steps[0]!.llmId)!;
  first.input = {
    kind: "messages",
    messages: [
      { role: "system", content: "You are a careful coding agent." },
      { role: "user", content: "Make test_add pass without breaking the others." },
    ],
  };
  first.attributes = { ...first.attributes, "gen_ai.tool.definitions": TOOL_DEFS, "gen_ai.request.temperature": 0.2, "gen_ai.request.max_tokens": 1024 };
  const callIds = spans.filter((s) => s.type === "tool").map((s) => s.tool!.callId!);
  return { spans, ids: steps.map((s) => s.llmId), callIds };
}

describe("buildReplayBundle on an OTLP-shaped run", () => {
  it("cuts the conversation just before the onset step's decision, pairs calls and results by id, and diagnoses with the evidence", () => {
    const { spans, ids, callIds } = codingRun();
    const analysis = analyzeRun(spans, { outcome: "failed" });
    expect(analysis.onset?.stepId).toBe(ids[2]);
    const bundle = buildReplayBundle(spans, analysis)!;

    expect(bundle.onset).toMatchObject({ stepId: ids[2], stepIndex: 2, agentName: "coder" });
    expect(bundle.messagesSource).toBe("rebuilt");
    expect(bundle.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "tool"]);
    expect(bundle.messages[2]).toMatchObject({
      role: "assistant",
      content: "Let me run the tests first.",
      tool_calls: [{ id: callIds[0], type: "function", function: { name: "bash", arguments: '{"command":"pytest -q"}' } }],
    });
    expect(bundle.messages[3]).toEqual({ role: "tool", tool_call_id: callIds[0], content: "5 passed" });
    expect(bundle.messages[5]).toEqual({ role: "tool", tool_call_id: callIds[1], content: "def add(a, b): return a + b" });
    // Nothing of the onset's decision or after it.
    const text = JSON.stringify(bundle.messages);
    expect(text).not.toContain("I will change the operator");
    expect(text).not.toContain("return a - b");
    expectValidChat(bundle.messages);

    expect(bundle.model).toBe("gpt-4o");
    expect(bundle.parameters).toEqual({ temperature: 0.2, max_tokens: 1024 });
    expect(bundle.tools.map((t) => t.function.name)).toEqual(["bash", "str_replace_editor"]);
    expect(bundle.tools[0]!.function.description).toBe("Run a shell command");
    expect(bundle.inferredTools).toEqual(["str_replace_editor"]);
    expect(bundle.tools[1]!.function.parameters).toEqual({
      type: "object",
      properties: { command: { type: "string" }, path: { type: "string" }, old_str: { type: "string" }, new_str: { type: "string" } },
    });

    const regression = analysis.onset!.evidence.find((e) => e.kind === "verification-regression")!;
    expect(regression).toBeDefined();
    expect(bundle.diagnosis.evidence).toContainEqual({ kind: "verification-regression", text: regression.text });
    expect(bundle.diagnosis.message.role).toBe("user");
    expect(bundle.diagnosis.message.content).toContain(regression.text);
    expect(bundle.diagnosis.message.content).toContain("str_replace_editor");
    expect(bundle.diagnosis.avoid.join(" ")).toMatch(/breaks a check that was passing/);
  });

  it("takes the onset decision's own input verbatim when its span recorded the whole conversation", () => {
    const { spans, ids } = codingRun();
    const onsetSpan = spans.find((s) => s.spanId === ids[2])!;
    onsetSpan.input = {
      kind: "messages",
      messages: [
        { role: "system", content: "You are a careful coding agent." },
        { role: "user", content: "Make test_add pass." },
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "bash", arguments: '{"command":"pytest -q"}' }] },
        { role: "tool", content: "5 passed", toolCallId: "c1" },
        { role: "assistant", content: "", toolCalls: [{ id: null, name: "bash", arguments: '{"command":"cat src/calc.py"}' }] },
        { role: "tool", content: "def add(a, b): return a + b" },
      ],
    };
    onsetSpan.attributes = { ...onsetSpan.attributes, "llm.invocation_parameters": '{"model":"gpt-4o","temperature":0,"seed":7,"messages":"ignored"}' };
    const bundle = buildReplayBundle(spans, analyzeRun(spans, { outcome: "failed" }))!;
    expect(bundle.messagesSource).toBe("onset-input");
    expect(bundle.parameters).toEqual({ temperature: 0, seed: 7 });
    expect(bundle.messages).toHaveLength(6);
    // The call recorded without an id gets one, and its result answers it.
    const call = bundle.messages[4];
    expect(call?.role === "assistant" && call.tool_calls?.[0]?.id).toMatch(/^call_onset_/);
    expect(bundle.messages[5]).toMatchObject({ role: "tool", content: "def add(a, b): return a + b" });
    expectValidChat(bundle.messages);
  });

  it("returns null for a run with no onset", () => {
    const b = new RunBuilder();
    const a = b.agent("coder");
    b.step({ parent: a, calls: [{ tool: "bash", args: { command: "pytest -q" }, result: "5 passed", exit: 0 }] });
    b.step({ parent: a, text: "All tests pass.", calls: [] });
    const spans = b.build();
    const analysis = analyzeRun(spans, { outcome: "succeeded" });
    expect(analysis.onset).toBeNull();
    expect(buildReplayBundle(spans, analysis)).toBeNull();
  });

  it("throws a clear error when the analysis does not belong to the spans", () => {
    const { spans } = codingRun();
    const analysis = analyzeRun(spans, { outcome: "failed" });
    expect(() => buildReplayBundle(spans, { ...analysis, steps: [] })).toThrow(/not among its steps/);
  });
});

/**
 * An imported chat conversation (importers' chat-history shape): one agent span per
 * speaker under the run's root, steps numbered by `onset.step.index`, human turns as the
 * next decision's input, the system prompt on the root, tool spans joined by call id.
 *
 *   root chat (onset.chat.system)
 *   user: "Cancel order #W1 and refund it."        -> input of step 2
 *   step 2 assistant → find_order {"id":"#W1"}        ok
 *   step 4 assistant → cancel_order {"id":"#W1","reason":"ordered by mistake"}   Error: order is delivered
 *   step 6 assistant "Your order #W1 is cancelled and refunded."   (run failed: reward 0)
 */
function importedRun(): NormalizedSpan[] {
  const b = new RunBuilder("1".repeat(32));
  const root = b.agent("chat", { attrs: { "onset.chat.system": "You are a retail support agent. Never cancel a delivered order.", "onset.run.outcome": "failed" } });
  const agent = b.agent("assistant", { parent: root });
  b.step({ parent: agent, agentName: "assistant", stepIndex: 2, withCallIds: true, calls: [{ tool: "find_order", args: { id: "#W1" }, result: '{"status":"delivered"}' }] });
  b.step({
    parent: agent,
    agentName: "assistant",
    stepIndex: 4,
    withCallIds: true,
    calls: [{ tool: "cancel_order", args: { id: "#W1", reason: "ordered by mistake" }, result: "Error: order #W1 is delivered and cannot be cancelled", error: "order #W1 is delivered and cannot be cancelled" }],
  });
  b.step({ parent: agent, agentName: "assistant", stepIndex: 6, text: "Your order #W1 is cancelled and refunded.", calls: [] });
  const spans = b.build();
  const firstLlm = spans.find((s) => s.type === "llm")!;
  firstLlm.input = { kind: "messages", messages: [{ role: "user", content: "Cancel order #W1 and refund it." }] };
  return spans;
}

describe("buildReplayBundle on an imported run", () => {
  it("rebuilds the conversation from the steps before the onset, with the run's system prompt and the user's turns", () => {
    const spans = importedRun();
    const analysis = analyzeRun(spans);
    expect(analysis.outcome.status).toBe("failed");
    // The root's hand-off to the speaker is a step of its own (index 0): the onset is the
    // cancel_order decision, source step 4.
    const onset = analysis.onset!;
    expect(onset).toMatchObject({ stepIndex: 2, sourceIndex: 4, agentName: "assistant" });
    const bundle = buildReplayBundle(spans, analysis)!;
    expect(bundle.onset.sourceIndex).toBe(onset.sourceIndex);
    expect(bundle.messagesSource).toBe("rebuilt");
    expect(bundle.messages[0]).toEqual({ role: "system", content: "You are a retail support agent. Never cancel a delivered order." });
    expect(bundle.messages[1]).toEqual({ role: "user", content: "Cancel order #W1 and refund it." });
    expect(bundle.messages[2]).toMatchObject({ role: "assistant", name: "assistant", tool_calls: [{ function: { name: "find_order" } }] });
    expectValidChat(bundle.messages);
    // The decision before the onset is there, nothing from the onset on.
    expect(bundle.messages).toHaveLength(4);
    expect(bundle.messages[3]).toMatchObject({ role: "tool", content: '{"status":"delivered"}' });
    const text = JSON.stringify(bundle.messages);
    expect(text).not.toContain("cancel_order");
    expect(text).not.toContain("is cancelled and refunded");
    expect(bundle.tools.map((t) => t.function.name)).toEqual(["find_order", "cancel_order"]);
    expect(bundle.inferredTools).toEqual(["find_order", "cancel_order"]);
    expect(bundle.diagnosis.evidence.map((e) => e.kind)).toContain("unresolved-error");
    for (const e of bundle.diagnosis.evidence) expect(bundle.diagnosis.message.content).toContain(e.text);
    expect(bundle.diagnosis.message.content).toContain("cancel_order");
  });
});

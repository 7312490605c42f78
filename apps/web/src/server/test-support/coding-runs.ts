/**
 * Coding-agent runs for route tests: a failed run whose onset is a known edit (the
 * verification-regression case) and a succeeding run of the same task ("Fix test_add."),
 * both as the normalized spans the collector stores, starting at `t0`.
 */
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";

/** The root span id of both runs. */
export const ROOT = "a000000000000001";
/** Both runs' task (`onset.task` on the root: what failure modes pair failing and succeeding runs by). */
const TASK = { "onset.task": "Fix test_add." };
/** The failing test run's output. */
export const FAIL = "FAILED tests/test_calc.py::test_add - AssertionError\nsrc/calc.py:3: in add\n1 failed, 4 passed";

/** One decision calling one tool, `k` steps into the run. */
function step(traceId: string, t0: number, k: number, text: string, tool: { name: string; args: unknown; result: string; exit?: number } | null): NormalizedSpan[] {
  const llmId = `b00000000000000${k}`;
  const callId = `call_${k}`;
  const start = t0 + 100 * k;
  const spans = [
    makeSpan({
      traceId,
      spanId: llmId,
      parentSpanId: ROOT,
      name: "chat gpt-4o",
      type: "llm",
      model: "gpt-4o",
      agentName: "coder",
      startTimeMs: start,
      endTimeMs: start + 40,
      input: k === 1 ? { kind: "messages", messages: [{ role: "system", content: "You are a coding agent." }, { role: "user", content: "Fix test_add." }] } : null,
      output: {
        kind: "messages",
        messages: [{ role: "assistant", content: text, ...(tool ? { toolCalls: [{ id: callId, name: tool.name, arguments: JSON.stringify(tool.args) }] } : {}) }],
      },
      attributes: k === 1 ? { "gen_ai.request.temperature": 0 } : {},
    }),
  ];
  if (tool) {
    spans.push(
      makeSpan({
        traceId,
        spanId: `c00000000000000${k}`,
        parentSpanId: ROOT,
        name: `execute_tool ${tool.name}`,
        type: "tool",
        agentName: "coder",
        statusCode: tool.exit ? "error" : "ok",
        startTimeMs: start + 50,
        endTimeMs: start + 90,
        tool: { name: tool.name, callId, arguments: JSON.stringify(tool.args), result: tool.result },
        attributes: tool.exit === undefined ? {} : { "process.exit.code": tool.exit },
      }),
    );
  }
  return spans;
}

/**
 * A failed coding run whose onset is the edit (step 3, b000000000000003) a later test run names:
 *
 *   invoke_agent coder |===========================================| error
 *   1 chat → bash pytest -q          5 passed
 *   2 chat → bash cat src/calc.py
 *   3 chat → str_replace_editor  a + b → a - b      <- onset
 *   4 chat → bash pytest -q          FAILED src/calc.py
 *   5 chat "Done."
 */
export function failedCodingRun(FAILED: string, t0: number): NormalizedSpan[] {
  return [
    makeSpan({ traceId: FAILED, spanId: ROOT, name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "error", startTimeMs: t0, endTimeMs: t0 + 1000, attributes: TASK }),
    ...step(FAILED, t0, 1, "Run the tests first.", { name: "bash", args: { command: "pytest -q" }, result: "5 passed", exit: 0 }),
    ...step(FAILED, t0, 2, "", { name: "bash", args: { command: "cat src/calc.py" }, result: "def add(a, b): return a + b", exit: 0 }),
    ...step(FAILED, t0, 3, "Change the operator.", { name: "str_replace_editor", args: { command: "str_replace", path: "src/calc.py", old_str: "return a + b", new_str: "return a - b" }, result: "edited" }),
    ...step(FAILED, t0, 4, "", { name: "bash", args: { command: "pytest -q" }, result: FAIL, exit: 1 }),
    ...step(FAILED, t0, 5, "Done.", null),
  ];
}

/** A run that ended ok: no onset. */
export function okCodingRun(OK: string, t0: number): NormalizedSpan[] {
  return [
    makeSpan({ traceId: OK, spanId: ROOT, name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "ok", startTimeMs: t0, endTimeMs: t0 + 1000, attributes: TASK }),
    ...step(OK, t0, 1, "Run the tests.", { name: "bash", args: { command: "pytest -q" }, result: "5 passed", exit: 0 }),
    ...step(OK, t0, 2, "All tests pass.", null),
  ];
}

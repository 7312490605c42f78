/**
 * Small runs for the run-analysis and span-read tests: a failed run with a failing
 * test step, and a run that repeats one tool call without progress.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { makeSpan } from "@onset/db/test-support";

const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const usage = (input: number, output: number) => ({ input, output, cacheRead: null, cacheWrite: null, reasoning: null });

/** An LLM decision that asks for one tool call. */
function decision(traceId: string, spanId: string, parent: string, at: number, tool: string, args: string): NormalizedSpan {
  return makeSpan({
    traceId,
    spanId,
    parentSpanId: parent,
    name: "chat gpt-4o-mini",
    type: "llm",
    model: "gpt-4o-mini",
    startTimeMs: t0 + at,
    endTimeMs: t0 + at + 80,
    usage: usage(1000, 50),
    output: { kind: "messages", messages: [{ role: "assistant", content: "", toolCalls: [{ id: `call_${spanId}`, name: tool, arguments: args }] }] },
  });
}

/** A tool call; a non-zero exit marks it failed. */
function toolCall(traceId: string, spanId: string, parent: string, at: number, tool: string, args: string, result: string, exit = 0): NormalizedSpan {
  return makeSpan({
    traceId,
    spanId,
    parentSpanId: parent,
    name: `execute_tool ${tool}`,
    type: "tool",
    statusCode: exit === 0 ? "ok" : "error",
    startTimeMs: t0 + at + 90,
    endTimeMs: t0 + at + 150,
    tool: { name: tool, callId: null, arguments: args, result },
    error: exit === 0 ? null : { type: "ExitCode", message: `exit ${exit}`, stacktrace: null },
    attributes: { "process.exit.code": exit },
  });
}

/**
 * A failed run:
 *
 *   agent coder  |=========================================x|  error
 *   chat           |=|  → edit_file calc.py
 *   edit_file         |=|  ok
 *   chat                 |=|  → run_tests
 *   run_tests               |=x|  exit 1, "1 failed"
 *   chat                       |=|  → final answer (no tool)
 */
export function failedRun(traceId: string): NormalizedSpan[] {
  const root = "a000000000000001";
  return [
    makeSpan({
      traceId,
      spanId: root,
      name: "invoke_agent coder",
      type: "agent",
      agentName: "coder",
      statusCode: "error",
      startTimeMs: t0,
      endTimeMs: t0 + 1000,
      error: { type: "TaskFailed", message: "tests still fail", stacktrace: null },
    }),
    decision(traceId, "b000000000000001", root, 10, "edit_file", '{"path":"calc.py","old":"a+b","new":"a-b"}'),
    toolCall(traceId, "c000000000000001", root, 10, "edit_file", '{"path":"calc.py","old":"a+b","new":"a-b"}', "edited calc.py"),
    decision(traceId, "b000000000000002", root, 200, "run_tests", "{}"),
    toolCall(traceId, "c000000000000002", root, 200, "run_tests", "{}", "FAILED tests/test_calc.py::test_add\n1 failed", 1),
    makeSpan({
      traceId,
      spanId: "b000000000000003",
      parentSpanId: root,
      name: "chat gpt-4o-mini",
      type: "llm",
      model: "gpt-4o-mini",
      startTimeMs: t0 + 400,
      endTimeMs: t0 + 480,
      usage: usage(1200, 20),
      output: { kind: "messages", messages: [{ role: "assistant", content: "Done." }] },
    }),
  ];
}

/**
 * A looping run: the same read repeated four times with the same output.
 *
 *   agent looper |==============================|
 *   chat → read_file notes.md   |=|=|     × 4, identical output each time
 */
export function loopingRun(traceId: string): NormalizedSpan[] {
  const root = "a000000000000002";
  const args = '{"path":"notes.md"}';
  const spans: NormalizedSpan[] = [
    makeSpan({ traceId, spanId: root, name: "invoke_agent looper", type: "agent", agentName: "looper", statusCode: "ok", startTimeMs: t0, endTimeMs: t0 + 1000 }),
  ];
  for (let i = 0; i < 4; i++) {
    spans.push(decision(traceId, `d00000000000000${i}`, root, 10 + i * 200, "read_file", args));
    spans.push(toolCall(traceId, `e00000000000000${i}`, root, 10 + i * 200, "read_file", args, "TODO: nothing here"));
  }
  return spans;
}

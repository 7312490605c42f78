/**
 * A multi-agent run made with the real OpenTelemetry SDK (OTel GenAI conventions,
 * docs/conventions.md "OTel GenAI", "Token usage", "Errors"): a planner agent hands
 * off to a worker agent that calls a model and two tools, the second of which fails.
 *
 *   ms        0   100  300 400 450  700  900 1100   1500   1900 2000
 *   planner   |==========================================================|  invoke_agent (root, ok)
 *   plan llm      |=====|                                                    chat gpt-4o-mini
 *   worker                |==========================================|      invoke_agent
 *   step 1 llm                |=====|                                        chat gpt-4o
 *   read_file                       |====|                                   execute_tool
 *   step 2 llm                           |====|                              chat gpt-4o
 *   run_tests                                  |=======x|                    execute_tool (error)
 *
 * `EXPECTED_RUN` says what Onset must store for each span; costs are the bundled
 * genai-prices figures (gpt-4o-mini $0.15/$0.60, gpt-4o $2.50/$10 per million tokens).
 */
import { SpanKind, SpanStatusCode, context, trace, type Attributes, type Span, type Tracer } from "@opentelemetry/api";

/** Keys of the spans in the run, in start order. */
export type RunSpanKey = "planner" | "planLlm" | "worker" | "step1Llm" | "readFile" | "step2Llm" | "runTests";

/** What one span of the run must look like once stored. */
export interface ExpectedSpan {
  key: RunSpanKey;
  parent: RunSpanKey | null;
  name: string;
  type: "agent" | "llm" | "tool";
  kind: SpanKind;
  startMs: number;
  endMs: number;
  status: "ok" | "unset" | "error";
  model: string | null;
  agentName: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  toolName: string | null;
  toolArguments: string | null;
  errorMessage: string | null;
  attributes: Attributes;
}

const llm = (model: string, input: number, output: number): Attributes => ({
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": model,
  "gen_ai.response.model": model,
  "gen_ai.usage.input_tokens": input,
  "gen_ai.usage.output_tokens": output,
});

const tool = (name: string, callId: string, args: string, result: string): Attributes => ({
  "gen_ai.operation.name": "execute_tool",
  "gen_ai.tool.name": name,
  "gen_ai.tool.call.id": callId,
  "gen_ai.tool.call.arguments": args,
  "gen_ai.tool.call.result": result,
});

const usd = (input: number, output: number, inPerM: number, outPerM: number) => (input * inPerM + output * outPerM) / 1e6;

/** The run, span by span, with what Onset must store for each. */
export const EXPECTED_RUN: readonly ExpectedSpan[] = [
  {
    key: "planner", parent: null, name: "invoke_agent planner", type: "agent", kind: SpanKind.INTERNAL,
    startMs: 0, endMs: 2000, status: "ok", model: null, agentName: "planner",
    inputTokens: null, outputTokens: null, costUsd: null, toolName: null, toolArguments: null, errorMessage: null,
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "planner" },
  },
  {
    key: "planLlm", parent: "planner", name: "chat gpt-4o-mini", type: "llm", kind: SpanKind.CLIENT,
    startMs: 100, endMs: 300, status: "unset", model: "gpt-4o-mini", agentName: null,
    inputTokens: 1200, outputTokens: 300, costUsd: usd(1200, 300, 0.15, 0.6), toolName: null, toolArguments: null, errorMessage: null,
    attributes: llm("gpt-4o-mini", 1200, 300),
  },
  {
    key: "worker", parent: "planner", name: "invoke_agent worker", type: "agent", kind: SpanKind.INTERNAL,
    startMs: 400, endMs: 1900, status: "unset", model: null, agentName: "worker",
    inputTokens: null, outputTokens: null, costUsd: null, toolName: null, toolArguments: null, errorMessage: null,
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "worker" },
  },
  {
    key: "step1Llm", parent: "worker", name: "chat gpt-4o", type: "llm", kind: SpanKind.CLIENT,
    startMs: 450, endMs: 700, status: "unset", model: "gpt-4o", agentName: null,
    inputTokens: 2000, outputTokens: 150, costUsd: usd(2000, 150, 2.5, 10), toolName: null, toolArguments: null, errorMessage: null,
    attributes: llm("gpt-4o", 2000, 150),
  },
  {
    key: "readFile", parent: "worker", name: "execute_tool read_file", type: "tool", kind: SpanKind.INTERNAL,
    startMs: 700, endMs: 900, status: "unset", model: null, agentName: null,
    inputTokens: null, outputTokens: null, costUsd: null, toolName: "read_file",
    toolArguments: '{"path":"src/app.ts"}', errorMessage: null,
    attributes: tool("read_file", "call_1", '{"path":"src/app.ts"}', "export const app = 1;\n"),
  },
  {
    key: "step2Llm", parent: "worker", name: "chat gpt-4o", type: "llm", kind: SpanKind.CLIENT,
    startMs: 900, endMs: 1100, status: "unset", model: "gpt-4o", agentName: null,
    inputTokens: 2600, outputTokens: 90, costUsd: usd(2600, 90, 2.5, 10), toolName: null, toolArguments: null, errorMessage: null,
    attributes: llm("gpt-4o", 2600, 90),
  },
  {
    key: "runTests", parent: "worker", name: "execute_tool run_tests", type: "tool", kind: SpanKind.INTERNAL,
    startMs: 1100, endMs: 1500, status: "error", model: null, agentName: null,
    inputTokens: null, outputTokens: null, costUsd: null, toolName: "run_tests",
    toolArguments: '{"cmd":"npm test"}', errorMessage: "3 tests failed",
    attributes: { ...tool("run_tests", "call_2", '{"cmd":"npm test"}', "FAIL src/app.test.ts"), "process.exit.code": 1 },
  },
];

/** Totals the run summary must show. */
export const EXPECTED_TOTALS = {
  spanCount: EXPECTED_RUN.length,
  errorCount: 1,
  inputTokens: 1200 + 2000 + 2600,
  outputTokens: 300 + 150 + 90,
  costUsd: EXPECTED_RUN.reduce((a, s) => a + (s.costUsd ?? 0), 0),
  durationMs: 2000,
  models: ["gpt-4o", "gpt-4o-mini"],
};

/** A run that was emitted: its trace id and each span's id. */
export interface EmittedRun {
  traceId: string;
  spanIds: Record<RunSpanKey, string>;
  /** Epoch ms of the root's start. */
  baseMs: number;
}

/**
 * Emits the run through `tracer` (parents passed explicitly, so no context manager is
 * needed). `sessionId`/`userId` go on every span as session.id/user.id.
 */
export function emitAgentRun(tracer: Tracer, opts: { sessionId: string; userId: string; baseMs?: number }): EmittedRun {
  const baseMs = opts.baseMs ?? Math.floor(Date.now() / 1000) * 1000 - 10_000;
  const spans = new Map<RunSpanKey, Span>();
  // Start every span first (so parents exist), then end them: the SDK exports on end.
  for (const e of EXPECTED_RUN) {
    const parent = e.parent ? spans.get(e.parent) : undefined;
    const ctx = parent ? trace.setSpan(context.active(), parent) : context.active();
    const span = tracer.startSpan(
      e.name,
      {
        kind: e.kind,
        startTime: baseMs + e.startMs,
        attributes: { ...e.attributes, "session.id": opts.sessionId, "user.id": opts.userId },
      },
      ctx,
    );
    spans.set(e.key, span);
  }
  const ids = {} as Record<RunSpanKey, string>;
  // End children before parents, as a real run does.
  for (const e of [...EXPECTED_RUN].reverse()) {
    const span = spans.get(e.key)!;
    ids[e.key] = span.spanContext().spanId;
    if (e.status === "error") {
      span.recordException({ name: "TestFailure", message: e.errorMessage ?? "failed" }, baseMs + e.endMs);
      span.setStatus({ code: SpanStatusCode.ERROR, message: e.errorMessage ?? "failed" });
    } else if (e.status === "ok") {
      span.setStatus({ code: SpanStatusCode.OK });
    }
    span.end(baseMs + e.endMs);
  }
  return { traceId: spans.get("planner")!.spanContext().traceId, spanIds: ids, baseMs };
}

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

type Times = [startMs: number, endMs: number];

/** A span with the fields every kind has; model, agent, tokens, cost, tool and error empty. */
function span(key: RunSpanKey, parent: RunSpanKey | null, name: string, kind: SpanKind, [startMs, endMs]: Times, status: ExpectedSpan["status"], attributes: Attributes) {
  return { key, parent, name, kind, startMs, endMs, status, attributes, model: null, agentName: null, inputTokens: null, outputTokens: null, costUsd: null, toolName: null, toolArguments: null, errorMessage: null };
}

/** An agent span (invoke_agent `agent`). */
function agentSpan(key: RunSpanKey, parent: RunSpanKey | null, agent: string, times: Times, status: "ok" | "unset"): ExpectedSpan {
  const attributes = { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": agent };
  return { ...span(key, parent, `invoke_agent ${agent}`, SpanKind.INTERNAL, times, status, attributes), type: "agent", agentName: agent };
}

/** A chat call to `model` with these token counts, priced at `inPerM`/`outPerM` USD per million tokens. */
function llmSpan(key: RunSpanKey, parent: RunSpanKey, times: Times, model: string, [input, output]: [number, number], [inPerM, outPerM]: [number, number]): ExpectedSpan {
  const base = span(key, parent, `chat ${model}`, SpanKind.CLIENT, times, "unset", llm(model, input, output));
  return { ...base, type: "llm", model, inputTokens: input, outputTokens: output, costUsd: usd(input, output, inPerM, outPerM) };
}

/** A tool call with JSON `args` answered with `result`; with an `errorMessage`, failed with exit code 1. */
function toolSpan(key: RunSpanKey, parent: RunSpanKey, times: Times, call: { name: string; id: string; args: string; result: string }, errorMessage: string | null = null): ExpectedSpan {
  const attributes = tool(call.name, call.id, call.args, call.result);
  const base = span(key, parent, `execute_tool ${call.name}`, SpanKind.INTERNAL, times, errorMessage ? "error" : "unset", errorMessage ? { ...attributes, "process.exit.code": 1 } : attributes);
  return { ...base, type: "tool", toolName: call.name, toolArguments: call.args, errorMessage };
}

/** The run, span by span, with what Onset must store for each. */
export const EXPECTED_RUN: readonly ExpectedSpan[] = [
  agentSpan("planner", null, "planner", [0, 2000], "ok"),
  llmSpan("planLlm", "planner", [100, 300], "gpt-4o-mini", [1200, 300], [0.15, 0.6]),
  agentSpan("worker", "planner", "worker", [400, 1900], "unset"),
  llmSpan("step1Llm", "worker", [450, 700], "gpt-4o", [2000, 150], [2.5, 10]),
  toolSpan("readFile", "worker", [700, 900], { name: "read_file", id: "call_1", args: '{"path":"src/app.ts"}', result: "export const app = 1;\n" }),
  llmSpan("step2Llm", "worker", [900, 1100], "gpt-4o", [2600, 90], [2.5, 10]),
  toolSpan("runTests", "worker", [1100, 1500], { name: "run_tests", id: "call_2", args: '{"cmd":"npm test"}', result: "FAIL src/app.test.ts" }, "3 tests failed"),
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

/**
 * Real instrumentation libraries, pinned in package.json, each driving the same
 * two-step tool-calling agent (ask → get_weather tool call → tool result → answer) and a
 * call the server refuses with HTTP 400, against the local fake OpenAI server
 * (src/fake-openai.ts), streamed and not, exporting to a started Onset (`onset start`)
 * with only OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_HEADERS. Each run is read
 * back through the JSON API and checked: span types, model, tokens, price-table cost,
 * messages, tool name/arguments/result, and the error. Where a client sends less (no
 * usage when streaming, no span for a failed call), the case says so and checks that
 * Onset shows what was sent, not more; docs/conventions.md "Real clients" lists it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FINAL_ANSWER, RESPONSE_MODEL, startFakeOpenAi, USAGE, type FakeOpenAi } from "./fake-openai";
import { readRun, type ApiSpan } from "./onset-api";
import { runClient } from "./run-client";

interface ClientCase {
  client: string;
  script: string;
  stream: boolean;
  /** The client records token usage on its LLM spans. */
  usage: boolean;
  /** The model the LLM spans name. */
  model: string;
  /** The client (or its helper) makes a span for the tool. */
  toolSpan: boolean;
  /** The client makes an LLM span for the call refused with 400. */
  failedSpan: boolean;
  /** The failed call reaches the caller as an error (Traceloop's streamed one does not). */
  failedSurfaces: boolean;
}

const base = { usage: true, model: RESPONSE_MODEL, toolSpan: false, failedSpan: true, failedSurfaces: true };
const CASES: ClientCase[] = [
  { client: "@opentelemetry/instrumentation-openai (log events)", script: "otel-openai.cjs", stream: false, ...base },
  { client: "@opentelemetry/instrumentation-openai (log events)", script: "otel-openai.cjs", stream: true, ...base },
  { client: "OpenInference openai + traceTool", script: "openinference-openai.cjs", stream: false, ...base, toolSpan: true, failedSpan: false },
  { client: "OpenInference openai + traceTool", script: "openinference-openai.cjs", stream: true, ...base, usage: false, model: "gpt-4o-mini", toolSpan: true, failedSpan: false },
  { client: "Vercel AI SDK", script: "vercel-ai.cjs", stream: false, ...base, toolSpan: true },
  { client: "Vercel AI SDK", script: "vercel-ai.cjs", stream: true, ...base, toolSpan: true },
  { client: "OpenInference langchain", script: "langchain.cjs", stream: false, ...base, model: "gpt-4o-mini", toolSpan: true },
  { client: "OpenInference langchain", script: "langchain.cjs", stream: true, ...base, model: "gpt-4o-mini", toolSpan: true },
  { client: "Traceloop openai", script: "traceloop-openai.cjs", stream: false, ...base, failedSpan: false },
  { client: "Traceloop openai", script: "traceloop-openai.cjs", stream: true, ...base, usage: false, failedSpan: false, failedSurfaces: false },
];

const llmSpans = (spans: ApiSpan[]) => spans.filter((s) => s.type === "llm").sort((a, b) => (a.inputTokens ?? 0) - (b.inputTokens ?? 0));
const messagesOf = (c: ApiSpan["input"]) => (c?.kind === "messages" ? (c.messages ?? []) : []);

describe("real clients into a started Onset", () => {
  const onset = inject("onset");
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it.each(CASES)("$client, stream=$stream", async (c) => {
    const report = await runClient(c.script, onset, fake.url, c.stream);
    expect(report.ok.error).toBeNull();
    expect(report.failed.error === null).toBe(!c.failedSurfaces);

    // The agent run: two model calls, the tool in between, messages and tool call ids kept.
    const { run, spans } = await readRun(onset, report.ok.traceId, (_r, s) => {
      const llm = llmSpans(s);
      return llm.length === 2 && llm.every((x) => x.output !== null) && (!c.toolSpan || s.some((x) => x.type === "tool"));
    });
    const [first, second] = llmSpans(spans);
    expect(first!.model).toBe(c.model);
    expect(second!.model).toBe(c.model);
    const call = messagesOf(first!.output).flatMap((m) => m.toolCalls ?? [])[0];
    expect(call).toMatchObject({ name: "get_weather" });
    expect(JSON.parse(call!.arguments)).toEqual({ city: "Paris" });
    expect(messagesOf(first!.input).map((m) => m.role)).toEqual(["system", "user"]);
    expect(messagesOf(first!.input)[1]!.content).toBe("What is the weather in Paris?");
    const toolMessage = messagesOf(second!.input).find((m) => m.role === "tool");
    expect(JSON.parse(toolMessage!.content)).toMatchObject({ city: "Paris", temperatureC: 18 });
    expect(messagesOf(second!.output).map((m) => m.content).join("")).toBe(FINAL_ANSWER);
    if (c.usage) {
      expect([first, second].map((s) => [s!.inputTokens, s!.outputTokens])).toEqual(USAGE.map((u) => [u.prompt_tokens, u.completion_tokens]));
      expect(run.inputTokens).toBe(220);
      expect(run.outputTokens).toBe(32);
      // gpt-4o-mini from the bundled price table: $0.15 / $0.60 per million tokens.
      expect(run.costUsd).toBeCloseTo((220 * 0.15 + 32 * 0.6) / 1e6, 10);
      expect(run.llmSpansWithoutUsage).toBe(0);
    } else {
      // Unknown, not zero: the run counts its two model calls without usage.
      expect(run).toMatchObject({ inputTokens: 0, outputTokens: 0, costUsd: 0, llmSpansWithoutUsage: 2 });
      // The client sends no usage for streamed calls: unknown, never an invented count.
      expect([first, second].map((s) => [s!.inputTokens, s!.outputTokens, s!.costUsd])).toEqual([
        [null, null, null],
        [null, null, null],
      ]);
    }
    const tool = spans.find((s) => s.type === "tool");
    if (c.toolSpan) {
      expect(tool!.tool!.name).toBe("get_weather");
      expect(tool!.tool!.arguments).toContain("Paris");
      expect(JSON.parse(tool!.tool!.result!)).toMatchObject({ city: "Paris", temperatureC: 18 });
    } else {
      expect(tool).toBeUndefined();
    }
    expect(run.status).not.toBe("error");

    // The refused call: the run is an error; the LLM span, when the client makes one, says why.
    const failed = await readRun(onset, report.failed.traceId, (_r, s) => s.length >= (c.failedSpan ? 2 : 1));
    const failedLlm = failed.spans.find((s) => s.type === "llm");
    if (c.failedSpan) {
      expect(failedLlm!.status).toBe("error");
      expect(failedLlm!.error!.message).toContain("broken-model");
      // The refused call reported no usage: counted as unknown, not as a free call.
      expect(failedLlm!.inputTokens).toBeNull();
      expect(failed.run.llmSpansWithoutUsage).toBe(1);
    } else {
      expect(failedLlm).toBeUndefined();
    }
    if (c.failedSurfaces) expect(failed.run.status).toBe("error");
  });
});

import { generateText, jsonSchema, stepCountIs, tool } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { decodeTraceRequestJson } from "../json/decode-trace-request";
import { decodeTraceRequestProtobuf } from "../protobuf/decode-trace-request";
import { vercelGenerateText } from "../test-support/fixtures/vercel-ai";
import { capturingTracer, toJson, toProtobuf } from "../test-support/sdk-spans";
import { decodeFixture, mappable } from "../test-support/spans";
import { vercelAiMapper } from "./vercel-ai";

type MockOptions = NonNullable<ConstructorParameters<typeof MockLanguageModelV3>[0]>;
type DoGenerateResult = Awaited<ReturnType<Extract<MockOptions["doGenerate"], (...args: never[]) => unknown>>>;

/**
 * A scripted model: first asks for a tool, then answers (usage in AI SDK 6's V3 shape).
 * Each response names the dated model, as OpenAI's does (ai.response.model).
 */
function scriptedModel(): MockLanguageModelV3 {
  let call = 0;
  return new MockLanguageModelV3({
    provider: "openai.chat",
    modelId: "gpt-4o-mini",
    doGenerate: async (): Promise<DoGenerateResult> => {
      call++;
      if (call === 1) {
        return {
          content: [{ type: "tool-call", toolCallId: "call_1", toolName: "refund", input: '{"orderId":"A-1"}' }],
          finishReason: { unified: "tool-calls", raw: undefined },
          usage: { inputTokens: { total: 412, noCache: 156, cacheRead: 256, cacheWrite: 0 }, outputTokens: { total: 27, text: 19, reasoning: 8 } },
          warnings: [],
          response: { id: "chatcmpl-1", modelId: "gpt-4o-mini-2024-07-18", timestamp: new Date(0) },
        };
      }
      return {
        response: { id: "chatcmpl-2", modelId: "gpt-4o-mini-2024-07-18", timestamp: new Date(0) },
        content: [{ type: "text", text: "Refund failed, escalating." }],
        finishReason: { unified: "stop", raw: undefined },
        usage: { inputTokens: { total: 520, noCache: 520, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 9, text: 9, reasoning: 0 } },
        warnings: [],
      };
    },
  });
}

describe("Vercel AI SDK mapper", () => {
  it("maps spans the real ai@6 SDK emits for a tool loop with a failing tool, over protobuf and JSON", async () => {
    // Why: the most common TS agent stack; these are its real spans and real OTLP bytes.
    //   |ai.generateText (chain)                                     |
    //     |doGenerate (llm, tool call)| |ai.toolCall x| |doGenerate (llm)|
    const capture = capturingTracer();
    await generateText({
      model: scriptedModel(),
      system: "You are a support agent.",
      prompt: "Refund order A-1.",
      tools: {
        refund: tool({
          description: "Refund an order",
          inputSchema: jsonSchema<{ orderId: string }>({ type: "object", properties: { orderId: { type: "string" } } }),
          execute: async (): Promise<string> => {
            throw new Error("payment gateway timeout");
          },
        }),
      },
      stopWhen: stepCountIs(5),
      experimental_telemetry: { isEnabled: true, tracer: capture.tracer("ai"), functionId: "support-agent", metadata: { sessionId: "sess-1", userId: "user-1" } },
    });
    const spans = capture.spans();
    const fromPb = decodeTraceRequestProtobuf(toProtobuf(spans));
    expect(fromPb).toEqual(decodeTraceRequestJson(toJson(spans)));
    const byOp = (op: string) => fromPb.spans.filter((s) => s.attributes["ai.operationId"] === op);

    const [first, second] = byOp("ai.generateText.doGenerate");
    expect(first).toMatchObject({ mapper: "vercel-ai", type: "llm", model: "gpt-4o-mini-2024-07-18", provider: "openai", sessionId: "sess-1", userId: "user-1", agentName: "support-agent" });
    expect(first?.usage).toEqual({ input: 412, output: 27, cacheRead: 256, cacheWrite: 0, reasoning: 8 });
    expect(first?.input).toEqual({ kind: "messages", messages: [{ role: "system", content: "You are a support agent." }, { role: "user", content: "Refund order A-1." }] });
    expect(first?.output).toEqual({ kind: "messages", messages: [{ role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "refund", arguments: '{"orderId":"A-1"}' }], finishReason: "tool-calls" }] });
    // The second call sees the failed tool result in its prompt.
    const lastInput = second?.input?.kind === "messages" ? second.input.messages.at(-1) : undefined;
    expect(lastInput).toMatchObject({ role: "tool", toolCallId: "call_1", content: expect.stringContaining("payment gateway timeout") });

    const [toolSpan] = byOp("ai.toolCall");
    expect(toolSpan).toMatchObject({ type: "tool", statusCode: "error", tool: { name: "refund", callId: "call_1", arguments: '{"orderId":"A-1"}', result: null } });
    expect(toolSpan?.error).toMatchObject({ type: "Error", message: "payment gateway timeout", stacktrace: expect.stringContaining("payment gateway timeout") });

    const [root] = byOp("ai.generateText");
    // ai.generateText's usage is the sum of its doGenerate calls: a roll-up, left in attributes only.
    expect(root?.usage.input).toBeNull();
    expect(root?.attributes["ai.usage.inputTokens"]).toBe(932);
    expect(root).toMatchObject({ type: "chain", output: { kind: "messages", messages: [{ role: "assistant", content: "Refund failed, escalating." }] } });
    // Its ai.model.id (the requested "gpt-4o-mini") is no model call of its own: the run
    // has one model, the one the calls answered with (issue 16 item 4).
    expect(root?.model).toBeNull();
    expect(root?.attributes["ai.model.id"]).toBe("gpt-4o-mini");
    expect([...new Set(fromPb.spans.map((s) => s.model).filter((m) => m !== null))]).toEqual(["gpt-4o-mini-2024-07-18"]);
  });

  it("maps the fixture, including an embedding span that only has operation.name", () => {
    const { byName } = decodeFixture(vercelGenerateText);
    expect(byName("ai.generateText").input).toEqual({ kind: "messages", messages: [{ role: "system", content: "You are a support agent." }, { role: "user", content: "Refund order A-1187." }] });
    expect(byName("generate-document-embedding")).toMatchObject({ mapper: "vercel-ai", type: "embedding", model: "gemini-embedding-001" });
  });

  it.each([
    { op: "ai.streamText", type: "chain" },
    { op: "ai.streamText.doStream", type: "llm" },
    { op: "ai.generateObject.doGenerate", type: "llm" },
    { op: "ai.embedMany.doEmbed", type: "embedding" },
    { op: "ai.toolCall", type: "tool" },
    { op: "ai.somethingNew", type: "other" },
  ])("types $op as $type", ({ op, type }) => {
    expect(vercelAiMapper.map(mappable({ "ai.operationId": op })).type).toBe(type);
  });

  it("reads v4 usage keys and Anthropic cache counts from provider metadata as additive", () => {
    // Why: ai@4 reported Anthropic's raw input_tokens (cache excluded) with the cache counts in providerMetadata.
    const mapped = vercelAiMapper.map(
      mappable({
        "ai.operationId": "ai.generateText.doGenerate",
        "ai.usage.promptTokens": 50,
        "ai.usage.completionTokens": 10,
        "ai.response.providerMetadata": '{"anthropic":{"cacheCreationInputTokens":100,"cacheReadInputTokens":2000}}',
        "ai.result.text": "ok",
      }),
    );
    expect(mapped.usage).toEqual({ input: 2150, output: 10, cacheRead: 2000, cacheWrite: 100 });
    expect(mapped.output).toEqual({ kind: "messages", messages: [{ role: "assistant", content: "ok" }] });
  });

  it("reads a tool's string result as that string, not its JSON encoding (what ai@6 sends for execute returning a string)", () => {
    const result = '{"city":"Paris","temperatureC":18}';
    const mapped = vercelAiMapper.map(mappable({ "ai.operationId": "ai.toolCall", "ai.toolCall.name": "get_weather", "ai.toolCall.id": "c1", "ai.toolCall.args": '{"city":"Paris"}', "ai.toolCall.result": JSON.stringify(result) }));
    expect(mapped.tool).toMatchObject({ name: "get_weather", result });
  });

  it("takes the AI Gateway's cost from provider metadata as reported cost", () => {
    const mapped = vercelAiMapper.map(mappable({ "ai.operationId": "ai.generateText.doGenerate", "ai.response.providerMetadata": '{"gateway":{"cost":"0.00042"}}' }));
    expect(mapped.costUsd).toBe(0.00042);
  });
});

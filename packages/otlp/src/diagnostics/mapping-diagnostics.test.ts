import { describe, expect, it } from "vitest";
import { decodeTraceRequestJson } from "../json/decode-trace-request";
import { traceloopNode } from "../test-support/fixtures/openllmetry";
import { oneScope } from "../test-support/otlp-json";
import { mappingDiagnostics } from "./mapping-diagnostics";

describe("mappingDiagnostics", () => {
  it("reports per scope: mapper shares, types, models, LLM spans without usage, unconsumed keys", () => {
    //   |chat (usage)| |chat (no usage)| |GET /health|
    const spans = decodeTraceRequestJson(
      oneScope("mixed-lib", [
        { name: "chat a", id: 1, start: 0, end: 1, attrs: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "m1", "gen_ai.usage.input_tokens": 5, "vendor.prompt.0.text": "x", "vendor.prompt.1.text": "y" } },
        { name: "chat b", id: 2, start: 1, end: 2, attrs: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "m1", "vendor.prompt.0.text": "z" } },
        { name: "GET /health", id: 3, start: 2, end: 3, attrs: { "http.method": "GET" } },
      ]),
    ).spans;
    const [report] = mappingDiagnostics(spans);
    expect(report).toEqual({
      scopeName: "mixed-lib",
      scopeVersion: null,
      spanCount: 3,
      mappers: [
        { name: "otel-genai", count: 2, share: 2 / 3 },
        { name: "generic", count: 1, share: 1 / 3 },
      ],
      types: { llm: 2, other: 1 },
      llmSpansWithoutUsage: { count: 1, sampleSpanIds: [spans[1]!.spanId] },
      models: [{ model: "m1", count: 2 }],
      // Indexes fold to *, and each span counts a folded key once.
      unconsumedKeys: [
        { key: "vendor.prompt.*.text", count: 2 },
        { key: "http.method", count: 1 },
      ],
    });
  });

  it("groups by scope and version, largest first, and lists the keys of a known library that no mapper reads", () => {
    const reports = mappingDiagnostics(decodeTraceRequestJson(traceloopNode).spans);
    expect(reports.map((r) => [r.scopeName, r.scopeVersion, r.spanCount])).toEqual([
      ["@traceloop/node-server-sdk", "0.27.0", 3],
      ["@traceloop/instrumentation-openai", "0.27.0", 2],
    ]);
    // Keys of a known prefix count as read only when a mapper reads them (issue 16).
    expect(reports.map((r) => r.unconsumedKeys.map((k) => k.key))).toEqual([
      ["traceloop.workflow.name", "traceloop.entity.path"],
      ["gen_ai.usage.total_tokens", "traceloop.workflow.name"],
    ]);
  });

  it("lists total-token counts, tool definitions and LangChain metadata fields that nothing reads, not the fields it does", () => {
    const spans = decodeTraceRequestJson(
      oneScope("mixed-conventions", [
        // OTel GenAI, as instrumentation-openai and the current semconv send them.
        {
          name: "chat gpt-4o-mini",
          id: 1,
          start: 0,
          end: 1,
          attrs: {
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": "gpt-4o-mini",
            "gen_ai.usage.input_tokens": 100,
            "gen_ai.usage.output_tokens": 20,
            "gen_ai.usage.total_tokens": 120,
            "gen_ai.tool.definitions": '[{"type":"function","name":"get_weather"}]',
          },
        },
        // OpenInference over LangChain: its metadata JSON, read for ls_provider and ls_model_name only.
        {
          name: "ChatOpenAI",
          id: 2,
          start: 1,
          end: 2,
          attrs: {
            "openinference.span.kind": "LLM",
            "llm.token_count.prompt": 100,
            "llm.token_count.completion": 20,
            "llm.token_count.total": 120,
            metadata: '{"ls_provider":"openai","ls_model_name":"gpt-4o-mini","ls_temperature":0,"langgraph_step":2}',
          },
        },
      ]),
    ).spans;
    const [report] = mappingDiagnostics(spans);
    expect(report!.unconsumedKeys.map((k) => k.key).sort()).toEqual([
      "gen_ai.tool.definitions",
      "gen_ai.usage.total_tokens",
      "llm.token_count.total",
      "metadata.langgraph_step",
      "metadata.ls_temperature",
    ]);
    // The fields read are not listed, and neither is the whole object.
    expect(spans[1]!.provider).toBe("openai");
    expect(spans[1]!.model).toBe("gpt-4o-mini");
  });

  it("is empty for no spans", () => {
    expect(mappingDiagnostics([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { decodeTraceRequestJson } from "@onset/otlp";
import { analyzeRun } from "../analyze-run";
import { RunBuilder } from "../test-support/span-builder";

/**
 * An order-status agent whose lookup hits an outage and who then answers anyway.
 *
 *   invoke_agent support ─────────────────────────────── (no status)
 *     chat #1  input: system + user "Where is my order 48213?"  -> get_order(48213)
 *     get_order                                  error: HTTP 503 Service Unavailable
 *     chat #2  "Your order 48213 shipped on March 3rd and arrives in 5 days."
 *
 * The order number is grounded by the user's question (an LLM input message); the
 * shipping date is not grounded by anything: the answer fabricates it after the outage.
 */
describe("a claim made after a tool outage", () => {
  it("blames the answer, not the order number the user gave", () => {
    const b = new RunBuilder();
    const root = b.agent("support");
    b.llm({
      parent: root,
      inputMessages: [
        { role: "system", content: "You are a support agent. Answer only from tool results." },
        { role: "user", content: "Where is my order 48213?" },
      ],
      toolCalls: [{ id: "c1", name: "get_order", args: { order_id: "48213" } }],
    });
    b.tool("get_order", { parent: root, callId: "c1", args: { order_id: "48213" }, result: "HTTP 503 Service Unavailable", error: "HTTP 503 Service Unavailable" });
    b.llm({ parent: root, text: "Your order 48213 shipped on March 3rd and arrives in 5 days." });
    const a = analyzeRun(b.build(), { outcome: "failed" });
    expect(a.onset).not.toBeNull();
    expect(a.onset!.stepIndex).toBe(1);
    const texts = a.onset!.evidence.map((e) => e.text).join("\n");
    expect(texts).not.toMatch(/48213/);
    expect(texts).toMatch(/unresolved error/);
  });

  it("reads the user's question from gen_ai.input.messages as it arrives over OTLP", () => {
    const t = "5b8efff798038103d269b633813fc60c";
    const at = (ms: number) => String(BigInt(1_700_000_000_000 + ms) * 1_000_000n);
    const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
    const span = (id: string, parent: string | null, name: string, from: number, to: number, attributes: object[], status?: object) => ({
      traceId: t, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind: 1, startTimeUnixNano: at(from), endTimeUnixNano: at(to), attributes, ...(status ? { status } : {}),
    });
    const body = {
      resourceSpans: [{
        resource: { attributes: [str("service.name", "support-agent")] },
        scopeSpans: [{ scope: { name: "support" }, spans: [
          span("a000000000000001", null, "invoke_agent support", 0, 100, [str("gen_ai.operation.name", "invoke_agent"), str("gen_ai.agent.name", "support")]),
          span("a000000000000002", "a000000000000001", "chat gpt-4o", 1, 10, [
            str("gen_ai.operation.name", "chat"), str("gen_ai.request.model", "gpt-4o"),
            str("gen_ai.input.messages", JSON.stringify([
              { role: "system", parts: [{ type: "text", content: "Answer only from tool results." }] },
              { role: "user", parts: [{ type: "text", content: "Where is my order 48213?" }] },
            ])),
            str("gen_ai.output.messages", JSON.stringify([{ role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "get_order", arguments: { order_id: "48213" } }], finish_reason: "tool_call" }])),
          ]),
          span("a000000000000003", "a000000000000001", "execute_tool get_order", 11, 20, [
            str("gen_ai.operation.name", "execute_tool"), str("gen_ai.tool.name", "get_order"), str("gen_ai.tool.call.id", "c1"),
            str("gen_ai.tool.call.arguments", "{\"order_id\":\"48213\"}"), str("error.type", "503"),
          ], { code: 2, message: "HTTP 503 Service Unavailable" }),
          span("a000000000000004", "a000000000000001", "chat gpt-4o", 21, 30, [
            str("gen_ai.operation.name", "chat"), str("gen_ai.request.model", "gpt-4o"),
            str("gen_ai.output.messages", JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Your order 48213 shipped on March 3rd for $129.99." }], finish_reason: "stop" }])),
          ]),
        ] }],
      }],
    };
    const decoded = decodeTraceRequestJson(JSON.stringify(body));
    expect(decoded.spans).toHaveLength(4);
    const a = analyzeRun(decoded.spans, { outcome: "failed" });
    expect(a.onset!.spanId).toBe("a000000000000004");
    const texts = [...a.onset!.evidence, ...a.labels.flatMap((l) => l.evidence)].map((e) => e.text).join("\n");
    expect(texts).not.toMatch(/48213/);
    expect(texts).toMatch(/129\.99/);
  });
});

/**
 * A support agent's run that nothing marks as failed or succeeded (no error status, no
 * verdict, a tidy final answer), as OTLP/JSON with GenAI attributes: it looks up an order,
 * then tells the customer a total ($1,299.99) that no tool returned. The analysis cannot
 * say the run failed, so it names where to look if it did.
 */
import { randomBytes } from "node:crypto";

const str = (v: string) => ({ stringValue: v });
const attrs = (o: Record<string, string | number>) => Object.entries(o).map(([key, v]) => ({ key, value: typeof v === "number" ? { intValue: String(v) } : str(v) }));
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);

/** Span ids of the run, for assertions. */
export interface UnknownOutcomeIds {
  agent: string;
  lookup: string;
  tool: string;
  answer: string;
}

/** The ExportTraceServiceRequest of the run, and its span ids. */
export function unknownOutcomeRun(traceId: string): { body: unknown; ids: UnknownOutcomeIds } {
  const ids: UnknownOutcomeIds = { agent: randomBytes(8).toString("hex"), lookup: randomBytes(8).toString("hex"), tool: randomBytes(8).toString("hex"), answer: randomBytes(8).toString("hex") };
  const t0 = Date.now() - 10_000;
  const ask = [{ role: "user", parts: [{ type: "text", content: "What is the total of my order #W2378156?" }] }];
  const order = JSON.stringify({ order_id: "#W2378156", status: "processed", items: [{ name: "Headphones", item_id: "4202497723", price: 342.81 }, { name: "Smart Watch", item_id: "9408160950", price: 381.26 }] });
  const span = (spanId: string, name: string, start: number, end: number, a: Record<string, string | number>, parentSpanId?: string) => ({ traceId, spanId, ...(parentSpanId ? { parentSpanId } : {}), name, kind: 1, startTimeUnixNano: ns(t0 + start), endTimeUnixNano: ns(t0 + end), attributes: attrs(a) });
  const body = {
    resourceSpans: [
      {
        resource: { attributes: attrs({ "service.name": "support-agent" }) },
        scopeSpans: [
          {
            scope: { name: "unknown-outcome-e2e" },
            spans: [
              span(ids.agent, "invoke_agent support", 0, 5000, { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support" }),
              span(ids.lookup, "chat gpt-4o", 100, 1500, {
                "gen_ai.operation.name": "chat",
                "gen_ai.request.model": "gpt-4o",
                "gen_ai.usage.input_tokens": 900,
                "gen_ai.usage.output_tokens": 40,
                "gen_ai.input.messages": JSON.stringify(ask),
                "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_order_details", arguments: { order_id: "#W2378156" } }] }]),
              }, ids.agent),
              span(ids.tool, "execute_tool get_order_details", 1600, 2000, {
                "gen_ai.operation.name": "execute_tool",
                "gen_ai.tool.name": "get_order_details",
                "gen_ai.tool.call.id": "call_1",
                "gen_ai.tool.call.arguments": JSON.stringify({ order_id: "#W2378156" }),
                "gen_ai.tool.call.result": order,
              }, ids.agent),
              span(ids.answer, "chat gpt-4o", 2100, 4000, {
                "gen_ai.operation.name": "chat",
                "gen_ai.request.model": "gpt-4o",
                "gen_ai.usage.input_tokens": 1100,
                "gen_ai.usage.output_tokens": 30,
                "gen_ai.input.messages": JSON.stringify([...ask, { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: order }] }]),
                "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Your order #W2378156 totals $1,299.99 and will ship soon." }] }]),
              }, ids.agent),
            ],
          },
        ],
      },
    ],
  };
  return { body, ids };
}

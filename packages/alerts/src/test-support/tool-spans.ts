/** Tool spans for loop cases: the same search repeated with the same output. */
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";

/** A `search` tool call of run `traceId` number `n`, at `t0 + n` seconds, under a root not sent yet. */
export function searchSpan(traceId: string, n: number, t0: number, query = "parse_config"): NormalizedSpan {
  return makeSpan({
    traceId,
    spanId: `${traceId.slice(0, 12)}${n.toString(16).padStart(4, "0")}`,
    parentSpanId: `${traceId.slice(0, 12)}ffff`,
    name: "execute_tool search",
    type: "tool",
    startTimeMs: t0 + n * 1000,
    endTimeMs: t0 + n * 1000 + 200,
    tool: { name: "search", callId: `call_${n}`, arguments: JSON.stringify({ query, path: "app" }), result: "No matches found." },
  });
}

/**
 * An OTLP/JSON request written the way Python's protobuf JSON printer writes it
 * (docs/conventions.md "Wire quirks the decoders accept"): enum names for kind
 * and status code, int64 as strings, `flags: 256`, an empty status, plus every
 * AnyValue variant (kvlist, array, bytes, double, bool), events and links, two
 * resources. A valid seed the fuzzer starts from, and a case of its own.
 */

/** The request as a JSON object. */
export function quirkyJsonRequest(baseMs: number): Record<string, unknown> {
  const ns = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
  const span = (id: string, parent: string | null, name: string, startMs: number, attrs: unknown[], extra: Record<string, unknown> = {}) => ({
    traceId: "5b8efff798038103d269b633813fc60c",
    spanId: id,
    ...(parent ? { parentSpanId: parent } : {}),
    name,
    kind: "SPAN_KIND_CLIENT",
    startTimeUnixNano: ns(startMs),
    endTimeUnixNano: ns(startMs + 120),
    flags: 256,
    attributes: attrs,
    status: {},
    ...extra,
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "py-agent" } }] },
        scopeSpans: [
          {
            scope: { name: "openinference.instrumentation.langchain", version: "0.1.0" },
            spans: [
              span("eee19b7ec3c1b174", null, "agent", baseMs, [
                { key: "openinference.span.kind", value: { stringValue: "AGENT" } },
                { key: "session.id", value: { stringValue: "py-session" } },
                { key: "metadata", value: { kvlistValue: { values: [{ key: "team", value: { stringValue: "core" } }, { key: "n", value: { intValue: "3" } }] } } },
              ], { status: { code: "STATUS_CODE_OK" } }),
              span("eee19b7ec3c1b175", "eee19b7ec3c1b174", "ChatOpenAI", baseMs + 10, [
                { key: "openinference.span.kind", value: { stringValue: "LLM" } },
                { key: "llm.model_name", value: { stringValue: "gpt-4o-mini" } },
                { key: "llm.token_count.prompt", value: { intValue: "3760" } },
                { key: "llm.token_count.completion", value: { intValue: 120 } },
                { key: "llm.invocation_parameters", value: { stringValue: '{"temperature":0.2}' } },
                { key: "tag.tags", value: { arrayValue: { values: [{ stringValue: "a" }, { boolValue: true }, { doubleValue: 0.5 }] } } },
                { key: "raw", value: { bytesValue: "3q2+7w==" } },
              ], {
                events: [{ timeUnixNano: ns(baseMs + 50), name: "first_token", attributes: [{ key: "ms", value: { doubleValue: 40.5 } }] }],
                links: [{ traceId: "5b8efff798038103d269b633813fc60d", spanId: "eee19b7ec3c1b176", attributes: [] }],
              }),
            ],
          },
        ],
      },
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "py-tools" } }] },
        scopeSpans: [
          {
            scope: { name: "traceloop" },
            spans: [
              span("eee19b7ec3c1b177", "eee19b7ec3c1b174", "search.tool", baseMs + 200, [
                { key: "traceloop.span.kind", value: { stringValue: "tool" } },
                { key: "traceloop.entity.name", value: { stringValue: "search" } },
                { key: "traceloop.entity.input", value: { stringValue: '{"q":"weather"}' } },
              ], { kind: "SPAN_KIND_INTERNAL", status: { code: "STATUS_CODE_ERROR", message: "timeout" } }),
            ],
          },
        ],
      },
    ],
  };
}

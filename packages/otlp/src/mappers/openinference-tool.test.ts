/**
 * A tool traced with OpenInference's own `traceTool` helper (@arizeai/openinference-core
 * 2.7.1), run for real and serialized as the OTLP exporter sends it: the span is named
 * after the tool, carries no `tool.name`, and has the arguments in `input.value` and the
 * result in `output.value`. Onset must still show the tool's name, arguments and result.
 */
import { traceTool } from "@arizeai/openinference-core";
import { describe, expect, it } from "vitest";
import { decodeTraceRequestProtobuf } from "../protobuf/decode-trace-request";
import { capturingTracer, toProtobuf } from "../test-support/sdk-spans";

describe("OpenInference traceTool spans", () => {
  it("take the tool name from the span, arguments from input.value, result from output.value", async () => {
    const capture = capturingTracer();
    const getWeather = traceTool(async (args: { city: string }) => ({ city: args.city, temperatureC: 18 }), {
      name: "get_weather",
      tracer: capture.tracer("agent"),
    });
    await getWeather({ city: "Paris" });
    const [span] = decodeTraceRequestProtobuf(toProtobuf(capture.spans())).spans;
    expect(span!.attributes["tool.name"]).toBeUndefined();
    expect(span!.attributes["openinference.span.kind"]).toBe("TOOL");
    expect(span!.type).toBe("tool");
    expect(span!.tool).toEqual({ name: "get_weather", callId: null, arguments: '{"city":"Paris"}', result: '{"city":"Paris","temperatureC":18}' });
  });
});

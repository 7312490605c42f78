import { describe, expect, it } from "vitest";
import { RunBuilder } from "../test-support/span-builder";
import { collectTools, requestParameters } from "./replay-tools";

describe("collectTools: tool definitions in each convention's attributes", () => {
  it("reads OpenInference llm.tools.N.tool.json_schema and OpenLLMetry llm.request.functions.N.*, skipping bad JSON", () => {
    const b = new RunBuilder();
    b.llm({
      attrs: {
        "llm.tools.0.tool.json_schema": JSON.stringify({ type: "function", function: { name: "search", parameters: { type: "object", properties: { q: { type: "string" } } } } }),
        "llm.tools.1.tool.json_schema": "{not json",
        "llm.request.functions.0.name": "get_weather",
        "llm.request.functions.0.description": "Weather for a city",
        "llm.request.functions.0.parameters": '{"type":"object","properties":{"city":{"type":"string"}}}',
      },
    });
    b.tool("search", { args: { q: "x" } });
    const { tools, inferred } = collectTools(b.build());
    expect(tools).toEqual([
      { type: "function", function: { name: "search", parameters: { type: "object", properties: { q: { type: "string" } } } } },
      { type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ]);
    expect(inferred).toEqual([]);
  });
});

describe("requestParameters", () => {
  it("keeps the sampling parameters under OpenAI's names and drops other keys and odd values", () => {
    const b = new RunBuilder();
    b.llm({ attrs: { "llm.invocation_parameters": '{"temperature":0.7,"messages":[],"stop":["\\n"],"api_key":"x"}', "gen_ai.request.top_p": 0.9, "gen_ai.request.seed": "NaN-ish" } });
    expect(requestParameters(b.build()[0]!)).toEqual({ temperature: 0.7, stop: ["\n"], top_p: 0.9 });
  });
});

import { describe, expect, it } from "vitest";
import { PythonLiteralError, parsePythonLiteral } from "./python-literal";

describe("parsePythonLiteral", () => {
  it("reads smolagents' repr of tool calls", () => {
    const text = `[{'id': 'call_1', 'type': 'function', 'function': {'name': 'web_search', 'arguments': {'query': "Janet Napolitano bachelor's degree", 'filter_year': None, 'n': 3, 'exact': True}}}]`;
    expect(parsePythonLiteral(text)).toEqual([
      { id: "call_1", type: "function", function: { name: "web_search", arguments: { query: "Janet Napolitano bachelor's degree", filter_year: null, n: 3, exact: true } } },
    ]);
  });

  it("decodes escapes, tuples and triple-quoted strings", () => {
    expect(parsePythonLiteral(String.raw`('a\nb', 'it\'s', '\u00e9', """x"y""", -1.5e3)`)).toEqual(["a\nb", "it's", "é", 'x"y', -1500]);
  });

  it("reads dataclass and exception reprs as calls, <…> objects as their text", () => {
    expect(parsePythonLiteral("ActionStep(tool_calls=[ToolCall(name='f', id='c1')], error=AgentParsingError('bad'), images=[<PIL.Image.Image at 0x1>], d=nan)")).toEqual({
      __class__: "ActionStep",
      tool_calls: [{ __class__: "ToolCall", name: "f", id: "c1" }],
      error: { __class__: "AgentParsingError", args: ["bad"] },
      images: ["<PIL.Image.Image at 0x1>"],
      d: NaN,
    });
  });

  it("throws on text that is not a literal", () => {
    expect(() => parsePythonLiteral("[{'a': foo}]")).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral("{'a': 1} trailing")).toThrow(PythonLiteralError);
  });
});

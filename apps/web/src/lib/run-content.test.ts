import { describe, expect, it } from "vitest";
import { attributeText, parseContent, prettyContent, repeatedAttributeKeys, sortedAttributes } from "./run-content";

describe("prettyContent", () => {
  it.each([
    { why: "tool arguments as a JSON object are re-indented", v: '{"path":"a.py","n":1}', want: { kind: "json", text: '{\n  "path": "a.py",\n  "n": 1\n}' } },
    { why: "a JSON array is re-indented", v: " [1,2] ", want: { kind: "json", text: "[\n  1,\n  2\n]" } },
    { why: "a log line that starts with a bracket stays text", v: "[INFO] started", want: { kind: "text", text: "[INFO] started" } },
    { why: "plain tool output stays text, untouched", v: "1 failed\n", want: { kind: "text", text: "1 failed\n" } },
    { why: "a markup payload is only text: rendering it is React's job, as text", v: "<img src=x onerror=alert(1)>", want: { kind: "text", text: "<img src=x onerror=alert(1)>" } },
    { why: "a bare number is not worth re-indenting", v: "42", want: { kind: "text", text: "42" } },
  ])("$why", ({ v, want }) => expect(prettyContent(v)).toEqual(want));

  it("returns null when there is nothing to show", () => {
    expect(prettyContent(null)).toBeNull();
    expect(prettyContent(undefined)).toBeNull();
  });
});

describe("attributes", () => {
  it.each([
    { v: "text", want: "text" },
    { v: 3, want: "3" },
    { v: false, want: "false" },
    { v: null, want: "null" },
    { v: ["a", 1], want: '["a",1]' },
    { v: { k: "v" }, want: '{"k":"v"}' },
  ])("shows $v as $want", ({ v, want }) => expect(attributeText(v)).toBe(want));

  it("sorts keys so a table reads the same every time", () => {
    expect(sortedAttributes({ "gen_ai.usage.output_tokens": 5, "a.b": "x", "gen_ai.request.model": "m" })).toEqual([
      ["a.b", "x"],
      ["gen_ai.request.model", "m"],
      ["gen_ai.usage.output_tokens", "5"],
    ]);
    expect(sortedAttributes(null)).toEqual([]);
  });
});

describe("parseContent and repeatedAttributeKeys", () => {
  it("parses JSON objects and arrays for the tree view and leaves anything else as text", () => {
    expect(parseContent(' {"a": [1, 2]} ')).toEqual({ kind: "json", value: { a: [1, 2] } });
    expect(parseContent("[INFO] started")).toEqual({ kind: "text", text: "[INFO] started" });
    expect(parseContent("42")).toEqual({ kind: "text", text: "42" });
  });

  it("names the attributes that only repeat the tool call or messages shown above", () => {
    const attrs = { "gen_ai.tool.call.result": "3 failed", "gen_ai.tool.call.arguments": "{}", "process.exit.code": 1, other: "x" };
    expect([...repeatedAttributeKeys(attrs, ["3 failed\n", "{}", null])].sort()).toEqual(["gen_ai.tool.call.arguments", "gen_ai.tool.call.result"]);
  });
});

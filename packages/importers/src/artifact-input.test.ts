import { describe, expect, it } from "vitest";
import { ArtifactInput } from "./artifact-input";

describe("ArtifactInput", () => {
  it.each([
    ["a pretty-printed JSON document is not JSON Lines", '{\n  "a": 1,\n  "b": [1, 2]\n}\n', null],
    ["one JSON object on one line is one record", '{"type": "user"}\n', 1],
    ["JSON Lines", '{"a": 1}\n{"b": 2}\n', 2],
    ["a broken last line is tolerated (a file still being written)", '{"a": 1}\n{"b": 2}\n{"c":', 2],
    ["a broken line before the end is not", '{"a": 1}\n{"b":\n{"c": 3}\n', null],
  ])("%s", (_why, text, records) => {
    const parsed = new ArtifactInput("x.jsonl", text).jsonLinesStrict();
    expect(parsed === null ? null : parsed.records.length).toBe(records);
  });
});

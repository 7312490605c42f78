import { describe, expect, it } from "vitest";
import { ImportError, MalformedArtifactError, UnknownFormatError } from "./errors";
import { truncationMarker } from "@onset/otlp";
import { DEFAULT_MAX_ATTRIBUTE_BYTES, detectFormat, importArtifact, listFormats, maxAttributeBytesFromEnv } from "./registry";
import { readFixture } from "./test-support/fixtures";
import type { FormatName } from "./types";

const ALL_FORMATS: FormatName[] = ["swe-agent", "mini-swe-agent", "openhands", "atif", "claude-code", "smolagents", "chat-history"];

describe("registry", () => {
  it("lists every format with a description", () => {
    const formats = listFormats();
    expect(formats.map((f) => f.format)).toEqual(ALL_FORMATS);
    expect(formats.every((f) => f.description.length > 20)).toBe(true);
  });

  // Each fixture must be claimed by its own extractor and no other: the fingerprints
  // must not overlap (several formats hold message lists or `steps`/`history` arrays).
  it.each([
    ["swe-agent/marshmallow-code__marshmallow-1867.traj", "swe-agent"],
    ["swe-agent/acme__text-7.traj", "swe-agent"],
    ["mini-swe-agent/acme__tool-42.traj.json", "mini-swe-agent"],
    ["mini-swe-agent/toolcall-v2.traj.json", "mini-swe-agent"],
    ["openhands/calc-fix.trajectory.json", "openhands"],
    ["openhands/output.jsonl", "openhands"],
    ["atif/trajectory.json", "atif"],
    ["claude-code/7f1c2b9e-4d1a-4f0e-9a55-3c2d1e0f9a11.jsonl", "claude-code"],
    ["chat-history/groupchat.json", "chat-history"],
    ["chat-history/tool-chat.json", "chat-history"],
    ["smolagents/code-gaia-pineapple.json", "smolagents"],
    ["smolagents/tool-calling-gaia-2.jsonl", "smolagents"],
  ])("detects %s as %s", (fixture, format) => {
    expect(detectFormat(fixture, readFixture(fixture))?.format).toBe(format);
  });

  it("throws UnknownFormatError naming every format tried and why it did not match", () => {
    const text = JSON.stringify({ model_patch: "diff", instance_id: "x" });
    let caught: unknown;
    try {
      importArtifact("preds.json", text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnknownFormatError);
    const error = caught as UnknownFormatError;
    expect(error.attempts.map((a) => a.format)).toEqual(ALL_FORMATS);
    expect(error.status).toBe(422);
    for (const format of ALL_FORMATS) expect(error.message).toContain(`- ${format}: `);
    expect(error.message).toContain("swe-agent: no top-level `trajectory` array");
    expect(error.message).toContain("atif: no top-level `steps` array");
    expect(detectFormat("preds.json", text)).toBeNull();
  });

  it("says when the text is not JSON at all", () => {
    expect(() => importArtifact("notes.txt", "just some words")).toThrow(/notes\.txt \(not valid JSON: .+\); formats tried/);
  });

  it("rejects an unknown forced format name, listing the valid ones", () => {
    expect(() => importArtifact("x.json", "[]", { format: "langsmith" as FormatName })).toThrow(ImportError);
    expect(() => importArtifact("x.json", "[]", { format: "langsmith" as FormatName })).toThrow(/expected one of: swe-agent, mini-swe-agent/);
  });

  it("reports a forced format that does not fit as malformed, naming file and format", () => {
    const traj = readFixture("swe-agent/marshmallow-code__marshmallow-1867.traj");
    expect(() => importArtifact("run.traj", traj, { format: "atif" })).toThrow(MalformedArtifactError);
    expect(() => importArtifact("run.traj", traj, { format: "atif" })).toThrow(/^Malformed atif artifact run\.traj: schema_version: /);
  });

  it("moves synthetic times with baseTimeMs but keeps ids (ids depend on content only)", () => {
    const traj = readFixture("swe-agent/marshmallow-code__marshmallow-1867.traj");
    const a = importArtifact("a.traj", traj).runs[0]!;
    const b = importArtifact("a.traj", traj, { baseTimeMs: Date.UTC(2030, 0, 1) }).runs[0]!;
    expect(b.spans[0]!.startTimeMs).toBe(Date.UTC(2030, 0, 1));
    expect(b.spans.map((s) => s.spanId)).toEqual(a.spans.map((s) => s.spanId));
  });

  it("gives different content different trace ids", () => {
    const traj = readFixture("swe-agent/marshmallow-code__marshmallow-1867.traj");
    const changed = traj.replace('"344"', '"343"');
    expect(importArtifact("a.traj", changed).runs[0]!.traceId).not.toBe(importArtifact("a.traj", traj).runs[0]!.traceId);
  });

  describe("string size limit (same truncation as the OTLP path)", () => {
    // One huge tool result, tool argument, message and error line: every string the spans carry.
    const huge = "é".repeat(DEFAULT_MAX_ATTRIBUTE_BYTES); // 2 bytes per character
    const chat = JSON.stringify([
      { role: "user", content: `question ${huge}` },
      { role: "assistant", content: `thinking ${huge}`, tool_calls: [{ id: "c1", type: "function", function: { name: "search", arguments: JSON.stringify({ q: huge }) } }] },
      { role: "tool", tool_call_id: "c1", content: `Error: ${huge}` },
    ]);
    const bytes = (s: string | null | undefined) => Buffer.byteLength(s ?? "", "utf8");
    const marker = truncationMarker(1).length + 16; // the marker with room for any size

    it("cuts every string at the default limit, with the marker", () => {
      const run = importArtifact("big.json", chat).runs[0]!;
      const tool = run.spans.find((s) => s.type === "tool")!;
      const llm = run.spans.find((s) => s.type === "llm")!;
      for (const text of [tool.tool!.result, tool.tool!.arguments, tool.statusMessage, tool.error!.message]) {
        expect(text).toMatch(/…\[truncated: original \d+ bytes\]$/);
        expect(bytes(text)).toBeLessThanOrEqual(DEFAULT_MAX_ATTRIBUTE_BYTES + marker);
      }
      expect(llm.output?.kind === "messages" && llm.output.messages[0]!.content).toMatch(/truncated: original 131081 bytes/);
      expect(llm.input?.kind === "messages" && llm.input.messages[0]!.content).toMatch(/^question é+…\[truncated/);
      expect(llm.output?.kind === "messages" && llm.output.messages[0]!.toolCalls![0]!.arguments).toMatch(/truncated/);
      const events = run.spans[0]!.events;
      expect(String(events[0]!.attributes.message)).toMatch(/truncated/);
    });

    it("follows maxAttributeBytes, and null turns the limit off", () => {
      const small = importArtifact("big.json", chat, { maxAttributeBytes: 100 }).runs[0]!.spans.find((s) => s.type === "tool")!;
      expect(bytes(small.tool!.result)).toBeLessThanOrEqual(100 + marker);
      const whole = importArtifact("big.json", chat, { maxAttributeBytes: null }).runs[0]!.spans.find((s) => s.type === "tool")!;
      expect(whole.tool!.result).toBe(`Error: ${huge}`);
      expect(() => importArtifact("big.json", chat, { maxAttributeBytes: -1 })).toThrow(ImportError);
    });

    it.each([
      ["unset", undefined, DEFAULT_MAX_ATTRIBUTE_BYTES],
      ["a number", "1024", 1024],
      ["zero", "0", 0],
      ["garbage falls back", "lots", DEFAULT_MAX_ATTRIBUTE_BYTES],
      ["negative falls back", "-5", DEFAULT_MAX_ATTRIBUTE_BYTES],
    ])("reads ONSET_MAX_ATTRIBUTE_BYTES as the collector does: %s", (_why, value, expected) => {
      expect(maxAttributeBytesFromEnv({ ONSET_MAX_ATTRIBUTE_BYTES: value })).toBe(expected);
    });
  });

  it("accepts bytes with a UTF-8 byte-order mark", () => {
    const text = readFixture("atif/trajectory.json");
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(importArtifact("trajectory.json", bytes).format).toBe("atif");
  });
});

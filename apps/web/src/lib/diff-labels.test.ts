/** Readable labels of structural signatures (docs/spec/run-diff.md §1), including names that contain colons. */
import { describe, expect, it } from "vitest";
import { classificationTitle, divergenceTypeText, eventLabel, GROUP_TEXT } from "./diff-labels";

describe("eventLabel", () => {
  it.each([
    { why: "routing names the chosen agent", type: "routing_decision", signature: "route:coder", want: "route → coder" },
    { why: "a plain tool call hides the default operation", type: "tool_invocation", signature: "tool:read_file:call:ok", want: "tool read_file" },
    { why: "a failed shell command shows its operation and the failure", type: "tool_invocation", signature: "tool:shell:pytest:fail", want: "tool shell (pytest) ✗ failed" },
    { why: "an MCP-style tool name keeps its colon", type: "tool_invocation", signature: "tool:github:create_issue:call:ok", want: "tool github:create_issue" },
    { why: "an LLM call lists the tools it asked for", type: "llm_call", signature: "llm:gpt-4o:tool_calls:read_file,search", want: "LLM gpt-4o [tool_calls] → read_file, search" },
    { why: "a model name with a colon (ollama tags) stays whole", type: "llm_call", signature: "llm:llama3:8b:stop:-", want: "LLM llama3:8b" },
    { why: "final outputs are flagged", type: "agent_output", signature: "output:answer:True", want: "output answer (final)" },
    { why: "paper-era memory reads carry their size", type: "memory_read", signature: "mem_read:3", want: "memory read (3)" },
    { why: "an unknown event type falls back to its signature", type: "future_event", signature: "future:x", want: "future:x" },
  ])("$why", ({ type, signature, want }) => {
    expect(eventLabel({ type, signature, agent: null })).toBe(want);
  });
});

describe("texts", () => {
  it("names the reference's classifications, groups and pair types, and degrades for unknown ones", () => {
    expect(classificationTitle("strategy_reroute")).toBe("Strategy reroute");
    expect(classificationTitle("brand_new_rule")).toBe("brand new rule");
    expect(GROUP_TEXT.behavioral_detour).toBe("behavioral detour");
    expect(divergenceTypeText("different_agent_routed")).toBe("routed to a different agent");
    expect(divergenceTypeText(null)).toBe("");
  });
});

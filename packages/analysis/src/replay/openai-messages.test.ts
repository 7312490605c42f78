import { describe, expect, it } from "vitest";
import type { OpenAIChatMessage } from "../schema/replay-schema";
import { NO_RESULT, chatRole, repairTranscript, safeName, toOpenAI } from "./openai-messages";

const call = (id: string, name = "bash") => ({ id, type: "function" as const, function: { name, arguments: "{}" } });

describe("repairTranscript: transcripts from spans made valid OpenAI chat input", () => {
  const cases: { why: string; input: OpenAIChatMessage[]; output: OpenAIChatMessage[] }[] = [
    {
      why: "a valid transcript is left as it is",
      input: [{ role: "user", content: "go" }, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: "ok" }],
      output: [{ role: "user", content: "go" }, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: "ok" }],
    },
    {
      why: "calls without ids get unique ones, and results without ids answer them in order",
      input: [{ role: "assistant", content: null, tool_calls: [call(""), call("")] }, { role: "tool", tool_call_id: "", content: "1" }, { role: "tool", tool_call_id: "", content: "2" }],
      output: [
        { role: "assistant", content: null, tool_calls: [call("call_onset_1"), call("call_onset_2")] },
        { role: "tool", tool_call_id: "call_onset_1", content: "1" },
        { role: "tool", tool_call_id: "call_onset_2", content: "2" },
      ],
    },
    {
      why: "a call left unanswered gets a placeholder result before the next turn",
      input: [{ role: "assistant", content: null, tool_calls: [call("a")] }, { role: "user", content: "next" }],
      output: [{ role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: NO_RESULT }, { role: "user", content: "next" }],
    },
    {
      why: "a tool result that answers no call becomes a user turn",
      input: [{ role: "user", content: "go" }, { role: "tool", tool_call_id: "zzz", content: "orphan" }],
      output: [{ role: "user", content: "go" }, { role: "user", content: "Tool result:\norphan" }],
    },
    {
      why: "an id reused by a later turn is renamed there, and that turn's result follows the new id",
      input: [
        { role: "assistant", content: null, tool_calls: [call("x")] },
        { role: "tool", tool_call_id: "x", content: "1" },
        { role: "assistant", content: null, tool_calls: [call("x")] },
        { role: "tool", tool_call_id: "x", content: "2" },
      ],
      output: [
        { role: "assistant", content: null, tool_calls: [call("x")] },
        { role: "tool", tool_call_id: "x", content: "1" },
        { role: "assistant", content: null, tool_calls: [call("call_onset_1")] },
        { role: "tool", tool_call_id: "call_onset_1", content: "2" },
      ],
    },
  ];
  it.each(cases)("$why", ({ input, output }) => {
    expect(repairTranscript(input)).toEqual(output);
  });
});

describe("toOpenAI: untrusted roles and names", () => {
  it("maps role aliases, sends unknown roles as user turns and names as OpenAI accepts them", () => {
    expect(["developer", "human", "ai", "model", "function", "critic"].map(chatRole)).toEqual(["system", "user", "assistant", "assistant", "tool", "user"]);
    expect(safeName("Magentic-One Orchestrator")).toBe("Magentic-One_Orchestrator");
    expect(safeName("   ")).toBeUndefined();
    expect(toOpenAI({ role: "assistant", content: "", toolCalls: [{ id: "c", name: "f", arguments: "{}" }] })).toEqual({ role: "assistant", content: null, tool_calls: [call("c", "f")] });
  });
});

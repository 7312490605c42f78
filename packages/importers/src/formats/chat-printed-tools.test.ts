import { describe, expect, it } from "vitest";
import { importArtifact } from "../registry";
import { printedToolCalls, printedToolResponses } from "./chat-printed-tools";

// Excerpts of real AG2 console transcripts saved in notebook outputs (eval/real/runs/ag2):
// the OpenAI-Swarm-style airline group chat and a CaptainAgent run whose first
// seek_experts_help call failed.
const CALL = [
  "***** Suggested tool call (call_0AUNhUDx4lIYoeJtnzZzxbPW): transfer_to_flight_modification *****",
  "Arguments: ",
  "{}",
  "************************************************************************************************",
].join("\n");
const RESPONSE = [
  "***** Response from calling tool (call_0AUNhUDx4lIYoeJtnzZzxbPW) *****",
  "Flight_Modification_Agent",
  "**********************************************************************",
].join("\n");
const FAILED = [
  '***** Response from calling tool "call_Z1QwZ0eHpmelulekKlunvoZb" *****',
  "Error: MetaUserProxyAgent._run_autobuild() missing 1 required positional argument: 'execution_task'",
  "**********************************************************************",
].join("\n");

describe("AG2 tool calls and results printed to the console", () => {
  it("reads a printed call: id, name, arguments, and the agent's words around it", () => {
    expect(printedToolCalls(`I will hand you over.\n${CALL}`)).toEqual({
      said: "I will hand you over.",
      calls: [{ id: "call_0AUNhUDx4lIYoeJtnzZzxbPW", name: "transfer_to_flight_modification", arguments: "{}" }],
    });
    const old = '***** Suggested tool Call (call_KT9C): seek_experts_help *****\nArguments: \n{\n  "building_task": "- Expertise"\n}\n*****************';
    expect(printedToolCalls(old)?.calls).toEqual([{ id: "call_KT9C", name: "seek_experts_help", arguments: '{\n  "building_task": "- Expertise"\n}' }]);
  });

  it("reads printed responses with either id style, and only when the message is made of them", () => {
    expect(printedToolResponses(RESPONSE)).toEqual([{ tool_call_id: "call_0AUNhUDx4lIYoeJtnzZzxbPW", content: "Flight_Modification_Agent" }]);
    expect(printedToolResponses(FAILED)?.[0]?.tool_call_id).toBe("call_Z1QwZ0eHpmelulekKlunvoZb");
    expect(printedToolResponses(`${RESPONSE}\nThanks, what next?`)).toBeNull();
    expect(printedToolResponses("The tool said ***** Response from calling tool (x) *****")).toBeNull();
    expect(printedToolCalls("No tools here.")).toBeNull();
  });

  it("imports the call as the calling agent's step and the response as its tool result", () => {
    // Why: without this a swarm hand-off was two agent turns of text ("tool_execution" speaking).
    const messages = [
      { role: "assistant", name: "Triage_Agent", content: "How can I help you today?" },
      { role: "user", name: "User", content: "I want to cancel flight" },
      { role: "assistant", name: "Triage_Agent", content: CALL },
      { role: "assistant", name: "tool_execution", content: RESPONSE },
      { role: "assistant", name: "meta_agent", content: `${CALL.replace("transfer_to_flight_modification", "seek_experts_help").replaceAll("0AUNhUDx4lIYoeJtnzZzxbPW", "Z1QwZ0eHpmelulekKlunvoZb")}` },
      { role: "user", name: "meta_user_proxy", content: FAILED },
    ];
    const run = importArtifact("chat.json", JSON.stringify(messages)).runs[0]!;
    const tools = run.spans.filter((s) => s.type === "tool");
    expect(tools.map((s) => [s.tool?.name, s.agentName, s.attributes["onset.step.index"], s.attributes["onset.source.index"], s.error?.message ?? null])).toEqual([
      ["transfer_to_flight_modification", "Triage_Agent", 3, 3, null],
      ["seek_experts_help", "meta_agent", 5, 5, "Error: MetaUserProxyAgent._run_autobuild() missing 1 required positional argument: 'execution_task'"],
    ]);
    expect(run.spans.some((s) => s.type === "llm" && s.agentName === "tool_execution")).toBe(false);
    const call = run.spans.find((s) => s.type === "llm" && s.attributes["onset.source.index"] === 2)!;
    expect(call.output).toEqual({ kind: "messages", messages: [{ role: "assistant", content: "", name: "Triage_Agent", toolCalls: [{ id: "call_0AUNhUDx4lIYoeJtnzZzxbPW", name: "transfer_to_flight_modification", arguments: "{}" }] }] });
  });
});

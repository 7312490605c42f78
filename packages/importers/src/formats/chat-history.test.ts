import { describe, expect, it } from "vitest";
import { MalformedArtifactError } from "../errors";
import { detectFormat, importArtifact } from "../registry";
import { expectStepRows, llmRow, readFixture, structuralProblems, toolRow } from "../test-support/fixtures";

// groupchat.json: {history: [...]} of five named messages (AutoGen-style group chat)
//
//   t(s)   0 Admin | 7 Planner | 12 Critic | 20 Planner | 60 Admin
//   Admin is the human (AutoGen's UserProxyAgent "Admin"): input, not steps;
//   agents: Planner ─ steps 2, 4 ; Critic ─ step 3
//
// tool-chat.json: OpenAI message list, no timestamps (synthetic clock)
//
//   1 system (not a step) | 2 user (input of step 3) | 3 assistant: 2 tool calls |
//   4 tool Paris | 5 tool Berlin (is_error) | 6 assistant answer
//   tools 4 and 5 belong to step 3, the turn that called them
describe("chat-history extractor", () => {
  it("imports a multi-agent log: one agent span per agent, one step per agent turn, the human as input", () => {
    const content = readFixture("chat-history/groupchat.json");
    expect(detectFormat("groupchat.json", content)).toMatchObject({ format: "chat-history", confidence: 0.45 });
    const run = importArtifact("groupchat.json", content).runs[0]!;
    expect(structuralProblems(run)).toEqual([]);
    expect(run.steps).toBe(3);
    const agents = run.spans.filter((s) => s.type === "agent" && s.parentSpanId !== null);
    expect(agents.map((a) => a.agentName)).toEqual(["Planner", "Critic"]);
    const llms = run.spans.filter((s) => s.type === "llm");
    expect(llms.map((s) => [s.attributes["onset.step.index"], s.attributes["onset.source.index"], s.agentName])).toEqual([
      [2, 1, "Planner"],
      [3, 2, "Critic"],
      [4, 3, "Planner"],
    ]);
    const planner = agents[0]!;
    expect(llms.filter((s) => s.parentSpanId === planner.spanId)).toHaveLength(2);
    // the speaker's agent span covers its messages
    expect(planner.startTimeMs).toBe(Date.parse("2025-05-01T09:00:00Z"));
    expect(planner.endTimeMs).toBe(Date.parse("2025-05-01T09:00:20Z"));
    expect(llms[0]!.input).toEqual({ kind: "messages", messages: [{ role: "user", name: "Admin", content: "Plan a 3-day trip to Kyoto for a family with two kids." }] });
    expect(llms[0]!.attributes["onset.source.input_indices"]).toEqual([0]);
    expect(llms[1]!.output).toMatchObject({ kind: "messages", messages: [{ role: "assistant", name: "Critic", content: expect.stringMatching(/^Nara is a long day/) as unknown }] });
    const root = run.spans[0]!;
    expect(root.attributes["onset.chat.speakers"]).toEqual(["Planner", "Critic"]);
    // human turns stay findable by their message index
    expect(root.events.map((e) => [e.name, e.attributes["onset.source.index"], e.attributes["onset.message.speaker"]])).toEqual([
      ["human.message", 0, "Admin"],
      ["human.message", 4, "Admin"],
    ]);
    expect(root.attributes["onset.run.outcome"]).toBeUndefined(); // a chat log records no verdict
  });

  it("imports an OpenAI-style list: tool messages become tool spans of the step that called them", () => {
    const run = importArtifact("tool-chat.json", readFixture("chat-history/tool-chat.json")).runs[0]!;
    expectStepRows(run, {
      steps: 2,
      errors: 1,
      rows: [
        llmRow(3),
        toolRow(3, "get_weather", { city: "Paris" }),
        toolRow(3, "get_weather", { city: "Berlin" }, null, "error"),
        llmRow(6),
      ],
    });
    const [first, paris, berlin] = run.spans.filter((s) => s.type === "llm" || s.type === "tool");
    expect(first!.input).toEqual({ kind: "messages", messages: [{ role: "user", content: "What's the weather in Paris and Berlin?" }] });
    expect(first!.usage).toMatchObject({ input: 85, output: 40 });
    expect(first!.model).toBe("gpt-4o-mini");
    expect(paris!.tool).toEqual({ name: "get_weather", callId: "call_1", arguments: '{"city": "Paris"}', result: "18°C, cloudy" });
    expect(paris!.parentSpanId).toBe(first!.parentSpanId);
    expect([first, paris, berlin].map((s) => s!.attributes["onset.source.index"])).toEqual([2, 3, 4]);
    expect(run.spans[0]!.attributes["onset.chat.system"]).toBe("You are a helpful assistant with a weather tool.");
  });

  it.each([
    ["a result starting with Error:", "Error: user not found", "Error: user not found"],
    ["a JSON result with an error key", '{"error": "order not found", "code": 404}', "error: order not found"],
    ["a JSON result whose error is null is fine", '{"error": null, "status": "ok"}', null],
    ["a result mentioning an error later is fine", "No error was found in the order.", null],
  ])("tool result status: %s", (_why, result, error) => {
    const text = JSON.stringify([
      { role: "user", content: "cancel my order" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "cancel_order", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c1", name: "cancel_order", content: result },
    ]);
    const tool = importArtifact("t.json", text).runs[0]!.spans.find((s) => s.type === "tool")!;
    expect(tool.statusMessage).toBe(error);
    expect(tool.statusCode).toBe(error === null ? "unset" : "error");
  });

  it.each([
    ["messages", { messages: [{ role: "assistant", content: "hi" }] }],
    ["history", { history: [{ role: "assistant", content: "hi" }] }],
    ["chat_history (AG2 ChatResult)", { chat_history: [{ role: "assistant", content: "hi" }], summary: "hi", cost: {} }],
  ])("finds the messages under %s", (_key, doc) => {
    const run = importArtifact("c.json", JSON.stringify(doc)).runs[0]!;
    expect(run.steps).toBe(1);
    expect(run.spans.find((s) => s.type === "llm")!.attributes["onset.source.index"]).toBe(0);
  });

  it.each([
    ["success false", { success: false }, "failed"],
    ["is_correct true", { is_correct: true }, "succeeded"],
    ["resolved false", { resolved: false }, "failed"],
    ["reward 0", { reward: 0 }, "failed"],
    ["no verdict field", { summary: "done" }, undefined],
  ])("maps the container's verdict: %s", (_why, fields, outcome) => {
    const doc = { messages: [{ role: "user", content: "task" }, { role: "assistant", content: "answer" }], ...fields };
    const root = importArtifact("c.json", JSON.stringify(doc)).runs[0]!.spans[0]!;
    expect(root.attributes["onset.run.outcome"]).toBe(outcome);
    expect(root.attributes["onset.run.outcome_source"]).toBe(outcome === undefined ? undefined : "importer");
  });

  it.each(["groupchat.json", "tool-chat.json", "magentic-one.log.jsonl", "ag2-captain-groupchat.json", "tau-retail.json", "agentchat-taskresult.json"])(
    "%s: every llm and tool span carries the index of the message it was made from",
    (file) => {
      for (const run of importArtifact(file, readFixture(`chat-history/${file}`)).runs) {
        expect(structuralProblems(run)).toEqual([]);
        const made = run.spans.filter((s) => s.type === "llm" || s.type === "tool");
        expect(made.length).toBeGreaterThan(0);
        for (const s of made) expect(typeof s.attributes["onset.source.index"], s.name).toBe("number");
        // one llm span per message at most
        const llmIndexes = made.filter((s) => s.type === "llm").map((s) => s.attributes["onset.source.index"]);
        expect(new Set(llmIndexes).size).toBe(llmIndexes.length);
      }
    },
  );

  it("keeps spans in order when only some messages carry a timestamp", () => {
    // 1 @ 10:00:00 | 2 no time | 3 no time: 2 and 3 must follow 1 without overlapping
    const text = JSON.stringify([
      { role: "assistant", name: "A", content: "one", timestamp: "2025-05-01T10:00:00Z" },
      { role: "assistant", name: "B", content: "two" },
      { role: "assistant", name: "A", content: "three" },
    ]);
    const llms = importArtifact("mixed.json", text).runs[0]!.spans.filter((s) => s.type === "llm");
    for (let i = 1; i < llms.length; i++) expect(llms[i]!.startTimeMs).toBeGreaterThanOrEqual(llms[i - 1]!.endTimeMs);
  });

  it("loses to a specific format holding a message list (SWE-agent's `history`)", () => {
    expect(detectFormat("x.traj", readFixture("swe-agent/marshmallow-code__marshmallow-1867.traj"))?.format).toBe("swe-agent");
  });

  it.each([
    ["an empty list is no run", "[]"],
    ["messages need a role", '[{"content": "hi"}]'],
    ["a list of numbers is not a chat", "[1, 2, 3]"],
  ])("does not claim: %s", (_why, text) => {
    expect(detectFormat("x.json", text)).toBeNull();
  });

  it("names the bad message when forced onto a list with a role-less entry", () => {
    const text = '[{"role": "user", "content": "hi"}, {"content": "no role"}]';
    expect(() => importArtifact("chat.json", text, { format: "chat-history" })).toThrow(MalformedArtifactError);
    expect(() => importArtifact("chat.json", text, { format: "chat-history" })).toThrow(/chat-history artifact chat\.json: \[1\]\.role/);
  });
});

import { describe, expect, it } from "vitest";
import { detectFormat, importArtifact } from "../registry";
import { llmRow, readFixture, stepRows, structuralProblems, toolRow } from "../test-support/fixtures";

// magentic-one.log.jsonl: autogen-magentic-one's LogHandler output (one event per line).
// Messages (OrchestrationEvent lines; the WebSurferEvent and LLMCallEvent lines are skipped):
//
//   0 UserProxy task (human) | 1 Orch (thought) plan | 2 Orch (thought) ledger |
//   3 Orch (-> WebSurfer) | 4 WebSurfer results | 5 Orch (thought) | 6 Orch (-> Coder) |
//   7 Coder ```python``` | 8 Orch (thought) | 9 Orch (-> ComputerTerminal) |
//   10 ComputerTerminal exit 1 KeyError  -> tool span of step 8 (Coder) |
//   11 Orch (thought) | 12 Orch (termination condition) "Max rounds (5) reached."
const M1 = "chat-history/magentic-one.log.jsonl";

// ag2-captain-groupchat.json: {chat_history} of an AG2 / CaptainAgent expert group chat.
//
//   0 PythonProgramming_Expert task + plan | 1 PythonProgramming_Expert ```python``` |
//   2 Computer_terminal exitcode 1 NameError -> tool of step 2 | 3 Python expert fix |
//   4 Computer_terminal exitcode 0 -> tool of step 4 | 5 Verification_Expert |
//   6 Computer_terminal "no code to execute" -> tool of step 6 | 7 Verification_Expert TERMINATE
const AG2 = "chat-history/ag2-captain-groupchat.json";

// agentchat-taskresult.json: AutoGen AgentChat TaskResult {messages, stop_reason}.
//
//   0 user task | 1 weather_agent ThoughtEvent + 2 ToolCallRequestEvent (2 calls) -> one step |
//   3 ToolCallExecutionEvent: New York ok, Springfield is_error | 4 ToolCallSummaryMessage (dropped) |
//   5 HandoffMessage weather_agent -> critic | 6 critic TextMessage
//   stop_reason "Maximum number of messages 6 reached, ..."
const AGENTCHAT = "chat-history/agentchat-taskresult.json";

describe("multi-agent chat histories", () => {
  it("reads Magentic-One's log.jsonl: speakers from role suffixes, one step per agent turn", () => {
    const content = readFixture(M1);
    expect(detectFormat("log.jsonl", content)).toMatchObject({ format: "chat-history", confidence: 0.8 });
    const run = importArtifact("log.jsonl", content).runs[0]!;
    expect(structuralProblems(run)).toEqual([]);
    const llms = run.spans.filter((s) => s.type === "llm");
    expect(llms.map((s) => s.attributes["onset.source.index"])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
    expect(run.steps).toBe(11);
    expect(new Set(llms.map((s) => s.agentName))).toEqual(new Set(["Orchestrator", "WebSurfer", "Coder"]));
    const handoff = llms.find((s) => s.attributes["onset.source.index"] === 3)!;
    expect(handoff.agentName).toBe("Orchestrator");
    expect(handoff.attributes).toMatchObject({ "onset.message.kind": "-> WebSurfer", "onset.message.to": "WebSurfer", "onset.message.role": "Orchestrator (-> WebSurfer)" });
    expect(llms[0]!.attributes["onset.message.kind"]).toBe("thought");
    expect(llms[0]!.input).toMatchObject({ kind: "messages", messages: [{ role: "user", content: expect.stringMatching(/^What is the average Yelp rating/) as unknown }] });
    // a turn spans the time since the previous message (the naive timestamps are read as UTC)
    expect([llms[0]!.startTimeMs, llms[0]!.endTimeMs]).toEqual([Date.parse("2024-11-05T10:12:01.100Z"), Date.parse("2024-11-05T10:12:04.100Z")]);
  });

  it("turns ComputerTerminal output into a failed code_executor tool span of the turn that wrote the code", () => {
    const run = importArtifact("log.jsonl", readFixture(M1)).runs[0]!;
    const coder = run.spans.find((s) => s.type === "llm" && s.agentName === "Coder")!;
    const tool = run.spans.find((s) => s.type === "tool" && s.tool!.name === "code_executor")!;
    expect(tool.statusCode).toBe("error");
    expect(tool.statusMessage).toBe(`exit code 1: KeyError: "John's of Bleecker"`);
    expect(tool.attributes).toMatchObject({ "process.exit.code": 1, "onset.source.index": 10, "onset.step.index": 8, "onset.message.speaker": "ComputerTerminal" });
    expect(tool.parentSpanId).toBe(coder.parentSpanId);
    expect(JSON.parse(tool.tool!.arguments!)).toMatchObject({ language: "python", code: expect.stringContaining("ratings[name] for name in top3") as unknown });
    expect(run.errors).toBe(1);
  });

  it("splits WebSurfer's report into its action (the decision) and the page it saw (a tool result)", () => {
    const run = importArtifact("log.jsonl", readFixture(M1)).runs[0]!;
    const surfer = run.spans.find((s) => s.type === "llm" && s.agentName === "WebSurfer")!;
    const page = run.spans.find((s) => s.type === "tool" && s.tool!.name === "web_browser")!;
    expect(surfer.output).toMatchObject({ kind: "messages", messages: [{ role: "assistant", content: "I typed 'pizza near Washington Square Park yelp' into '0 characters out of 2000'." }] });
    expect(page.tool!.result).toMatch(/^Here is a screenshot of \[pizza near/);
    expect(page.tool!.result).toContain("Joe's Pizza 4.5 (4.2k reviews)");
    expect(page.attributes).toMatchObject({ "onset.step.index": 5, "onset.source.index": 4 });
    expect(page.parentSpanId).toBe(surfer.parentSpanId);
    expect(page.statusCode).not.toBe("error");
  });

  it("keeps Magentic-One's termination condition as the exit status: a round limit is a failure", () => {
    const root = importArtifact("log.jsonl", readFixture(M1)).runs[0]!.spans[0]!;
    expect(root.attributes).toMatchObject({
      "onset.run.exit_status": "Max rounds (5) reached.",
      "onset.run.outcome": "failed",
      "onset.run.outcome_source": "importer",
    });
  });

  it("imports the same log written as {history: [{role, content}]} (speaker in role, no name) identically", () => {
    const lines = readFixture(M1).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const history = lines
      .filter((e) => e.type === "OrchestrationEvent")
      .map((e) => ({ role: e.source === "UserProxy" ? "human" : e.source, content: e.message }));
    const run = importArtifact("m1.json", JSON.stringify({ history })).runs[0]!;
    const fromLog = importArtifact("log.jsonl", readFixture(M1)).runs[0]!;
    const shape = (r: typeof run) => r.spans.map((s) => [s.type, s.agentName, s.attributes["onset.source.index"], s.attributes["onset.step.index"], s.statusCode]);
    expect(shape(run)).toEqual(shape(fromLog));
  });

  it("reads an AG2 / CaptainAgent group chat: the name is the speaker, terminal output is a tool result", () => {
    const content = readFixture(AG2);
    const run = importArtifact("ag2.json", content).runs[0]!;
    expect(structuralProblems(run)).toEqual([]);
    // Message 0 is CaptainAgent's task for the group ("You are given: (1) a task and advises
    // from your manager ..."), sent under the first expert's name: the run's input, no step.
    expect(run.steps).toBe(4);
    expect(run.spans[0]!.attributes["onset.chat.speakers"]).toEqual(["PythonProgramming_Expert", "Verification_Expert"]);
    expect(run.spans[0]!.input).toMatchObject({ kind: "text", text: expect.stringMatching(/^You are given: \(1\) a task/) as unknown });
    expect(run.spans[0]!.events.find((e) => e.name === "human.message")?.attributes["onset.source.index"]).toBe(0);
    expect(stepRows(run)).toEqual([
      llmRow(2),
      toolRow(2, "code_executor", { language: "python", code: expect.stringContaining("undefined_total") as unknown }, 1, "error"),
      llmRow(4),
      toolRow(4, "code_executor", { language: "python", code: expect.not.stringContaining("undefined_total") as unknown }, 0),
      llmRow(6),
      // the terminal's "no code to execute" reply: nothing ran, no status
      toolRow(6, "code_executor", null),
      llmRow(8),
    ]);
    const tools = run.spans.filter((s) => s.type === "tool");
    expect(tools[0]!.statusMessage).toBe("exit code 1: NameError: name 'undefined_total' is not defined");
    expect(tools.map((t) => t.attributes["onset.source.index"])).toEqual([2, 4, 6]);
    expect(tools[2]!.attributes["onset.tool.no_code"]).toBe(true);
    expect(tools.every((t) => t.attributes["onset.message.speaker"] === "Computer_terminal")).toBe(true);
  });

  it("treats AutoGen 0.2 execution results posted as unnamed user messages as tool results", () => {
    // Two-agent chat (AssistantAgent + UserProxyAgent) saved as a plain OpenAI list.
    const text = JSON.stringify([
      { role: "user", content: "Plot NVDA's 2022 drawdown." },
      { role: "assistant", content: "```python\nimport pandas as pd\ndf = pd.read_csv('nvda.csv')\nprint(df['Date'].dt.year)\n```" },
      { role: "user", content: "exitcode: 1 (execution failed)\nCode output: \nTraceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n    print(df['Date'].dt.year)\nAttributeError: Can only use .dt accessor with datetimelike values\n" },
      { role: "assistant", content: "Parse the dates first.\n```python\nprint(1)\n```" },
      { role: "user", content: "exitcode: 0 (execution succeeded)\nCode output: 1\n" },
      { role: "user", content: "Thanks, that's all." },
    ]);
    const run = importArtifact("chat.json", text).runs[0]!;
    expect(stepRows(run).map((r) => [r.type, r.step, r.exit, r.status])).toEqual([
      ["llm", 2, null, "unset"],
      ["tool", 2, 1, "error"],
      ["llm", 4, null, "unset"],
      ["tool", 4, 0, "unset"],
    ]);
    expect(run.spans[0]!.events.map((e) => e.attributes["onset.source.index"])).toEqual([0, 5]);
  });

  it("reads an AgentChat TaskResult: tool events as tool spans, indexes of the original message list", () => {
    const content = readFixture(AGENTCHAT);
    expect(detectFormat("result.json", content)).toMatchObject({ format: "chat-history", confidence: 0.85 });
    const run = importArtifact("result.json", content).runs[0]!;
    expect(structuralProblems(run)).toEqual([]);
    const rows = run.spans
      .filter((s) => s.type === "llm" || s.type === "tool")
      .map((s) => [s.type, s.agentName, s.attributes["onset.source.index"], s.attributes["onset.step.index"], s.tool?.name ?? null, s.statusCode]);
    expect(rows).toEqual([
      ["llm", "weather_agent", 2, 3, null, "unset"],
      ["tool", "weather_agent", 3, 3, "get_weather", "unset"],
      ["tool", "weather_agent", 3, 3, "get_weather", "error"],
      ["llm", "weather_agent", 5, 6, null, "unset"],
      ["llm", "critic", 6, 7, null, "unset"],
    ]);
    const [request, , , handoff] = run.spans.filter((s) => s.type === "llm" || s.type === "tool");
    // the ThoughtEvent is the text of the call it preceded; models_usage is the call's usage
    expect(request!.output).toMatchObject({ kind: "messages", messages: [{ content: "I will look up both cities.", toolCalls: [{ name: "get_weather" }, { name: "get_weather" }] }] });
    expect(request!.usage).toMatchObject({ input: 212, output: 41 });
    expect(handoff!.attributes).toMatchObject({ "onset.message.kind": "-> critic", "onset.message.to": "critic" });
    expect(run.spans[0]!.attributes).toMatchObject({
      "onset.run.exit_status": "Maximum number of messages 6 reached, current message count: 6",
      "onset.run.outcome": "failed",
    });
  });

  it("attaches AG2 tool_responses to the calling turn by tool_call_id", () => {
    const text = JSON.stringify({
      chat_history: [
        { role: "user", name: "user_proxy", content: "What time is it in Tokyo?" },
        { role: "assistant", name: "assistant", content: null, tool_calls: [{ id: "call_9", type: "function", function: { name: "get_time", arguments: '{"tz": "Asia/Tokyo"}' } }] },
        { role: "tool", name: "user_proxy", content: "Error: unknown time zone", tool_responses: [{ tool_call_id: "call_9", role: "tool", content: "Error: unknown time zone" }] },
        { role: "assistant", name: "assistant", content: "I could not get the time. TERMINATE" },
      ],
    });
    const run = importArtifact("c.json", text).runs[0]!;
    expect(stepRows(run)).toEqual([
      llmRow(2),
      toolRow(2, "get_time", { tz: "Asia/Tokyo" }, null, "error"),
      llmRow(4),
    ]);
    expect(run.spans.filter((s) => s.type === "agent" && s.parentSpanId !== null).map((s) => s.agentName)).toEqual(["assistant"]);
  });
});

describe("a user proxy with a notebook's own name", () => {
  const chat = (messages: { name: string; content: string }[]) => importArtifact("chat.json", JSON.stringify({ chat_history: messages.map((m) => ({ role: "user", ...m })) })).runs[0]!;

  it("reads the opener of a group chat who never speaks again as the human: its task is the input", () => {
    const run = chat([
      { name: "Boss", content: "How to use spark for parallel training in FLAML? Give me sample code." },
      { name: "Senior_Python_Engineer", content: "Here is sample code using FLAML's spark options." },
      { name: "Product_Manager", content: "Looks complete. TERMINATE" },
    ]);
    expect(run.spans[0]!.attributes["onset.chat.speakers"]).toEqual(["Senior_Python_Engineer", "Product_Manager"]);
    expect(run.spans[0]!.input).toMatchObject({ kind: "text", text: expect.stringMatching(/^How to use spark/) as unknown });
    expect(run.steps).toBe(2);
  });

  it("reads an opener who only relays execution output as the human, its output as the code's result", () => {
    const run = chat([
      { name: "Commander", content: "Plot the stock prices of NVDA this year." },
      { name: "Coder", content: "```python\nprint(42)\n```" },
      { name: "Commander", content: "exitcode: 0 (execution succeeded)\nCode output: 42" },
      { name: "Coder", content: "TERMINATE" },
    ]);
    expect(run.spans[0]!.attributes["onset.chat.speakers"]).toEqual(["Coder"]);
    expect(run.spans.find((s) => s.type === "tool")).toMatchObject({ agentName: "Coder", tool: { name: "code_executor" } });
  });

  it("keeps an opener who later speaks in words as an agent", () => {
    const run = chat([
      { name: "Planner", content: "Plan: 1. search 2. summarize" },
      { name: "Writer", content: "Draft summary." },
      { name: "Planner", content: "Add the sources, please." },
    ]);
    expect(run.spans[0]!.attributes["onset.chat.speakers"]).toEqual(["Planner", "Writer"]);
  });
});

describe("an AgentChat Swarm hand-off", () => {
  it("keeps the transfer_to_<agent> call as the decision and drops the HandoffMessage that records its effect", () => {
    const item = (source: string, type: string, content: unknown, extra: Record<string, unknown> = {}) => ({ source, models_usage: null, metadata: {}, content, type, ...extra });
    const dump = {
      messages: [
        item("user", "TextMessage", "Write a short report on NVDA."),
        item("planner", "ToolCallRequestEvent", [{ id: "call_1", name: "transfer_to_writer", arguments: "{}" }]),
        item("planner", "ToolCallExecutionEvent", [{ call_id: "call_1", name: "transfer_to_writer", content: "Transferred to writer, adopting the role of writer immediately.", is_error: false }]),
        item("planner", "HandoffMessage", "Transferred to writer, adopting the role of writer immediately.", { target: "writer" }),
        item("writer", "TextMessage", "NVDA report: revenue grew. TERMINATE"),
      ],
      stop_reason: "Text 'TERMINATE' mentioned",
    };
    const run = importArtifact("swarm.json", JSON.stringify(dump)).runs[0]!;
    const llms = run.spans.filter((s) => s.type === "llm");
    expect(llms.map((s) => [s.agentName, s.attributes["onset.source.index"]])).toEqual([
      ["planner", 1],
      ["writer", 4],
    ]);
    expect(run.spans.find((s) => s.type === "tool")?.tool?.name).toBe("transfer_to_writer");
  });
});

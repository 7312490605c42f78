import { describe, expect, it } from "vitest";
import { decodeTraceRequestJson } from "@onset/otlp";
import { analyzeRun } from "../analyze-run";

/**
 * A smolagents CodeAgent run as openinference-instrumentation-smolagents exported it
 * before it told expected errors apart (its `_StepWrapper`: `record_exception(step_log.error)`
 * then `set_status(OK)`; `_RunWrapper` always ends the run span OK), sent as OTLP/JSON:
 *
 *   CodeAgent.run (AGENT, ok)
 *     Step 1 (CHAIN)  LiteLLMModel.__call__ -> web_search (TOOL)       observations: search results
 *     Step 2 (CHAIN)  LiteLLMModel.__call__                              exception AgentExecutionError, status ok
 *     Step 3 (CHAIN)  LiteLLMModel.__call__                              observations: the infobox
 *     Step 4 (CHAIN)  LiteLLMModel.__call__ -> final_answer (TOOL)
 *
 * No span says the run failed.
 */
const TRACE = "0af7651916cd43dd8448eb211c80319c";
const at = (ms: number) => String(BigInt(1_700_000_000_000 + ms) * 1_000_000n);
const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
const int = (key: string, v: number) => ({ key, value: { intValue: String(v) } });
const id = (n: number) => n.toString(16).padStart(16, "0");

interface StepSpec {
  thought: string;
  tool?: { name: string; kwargs: Record<string, unknown>; output: string };
  observations?: string;
  exception?: { type: string; message: string };
}

function smolagentsTrace(steps: StepSpec[], finalOutput: string, maxSteps = 6): unknown {
  const spans: object[] = [];
  const root = id(1);
  const end = steps.length * 100 + 50;
  spans.push({
    traceId: TRACE, spanId: root, name: "CodeAgent.run", kind: 1, startTimeUnixNano: at(0), endTimeUnixNano: at(end),
    attributes: [str("openinference.span.kind", "AGENT"), str("input.value", JSON.stringify({ task: "What was the population of Lyon in 2020?", stream: false })), int("smolagents.max_steps", maxSteps), str("output.value", finalOutput)],
    status: { code: 1 },
  });
  let next = 2;
  steps.forEach((s, k) => {
    const t0 = 10 + k * 100;
    const step = id(next++);
    const llm = id(next++);
    spans.push({
      traceId: TRACE, spanId: step, parentSpanId: root, name: `Step ${k + 1}`, kind: 1, startTimeUnixNano: at(t0), endTimeUnixNano: at(t0 + 90),
      attributes: [str("openinference.span.kind", "CHAIN"), str("input.value", "{}"), ...(s.observations !== undefined ? [str("output.value", s.observations)] : [])],
      events: s.exception ? [{ name: "exception", timeUnixNano: at(t0 + 89), attributes: [str("exception.type", s.exception.type), str("exception.message", s.exception.message), str("exception.escaped", "False")] }] : [],
      status: { code: 1 },
    });
    spans.push({
      traceId: TRACE, spanId: llm, parentSpanId: step, name: "LiteLLMModel.__call__", kind: 1, startTimeUnixNano: at(t0 + 1), endTimeUnixNano: at(t0 + 40),
      attributes: [
        str("openinference.span.kind", "LLM"), str("llm.model_name", "gpt-4o"),
        str("llm.input_messages.0.message.role", "system"), str("llm.input_messages.0.message.content", "You are an expert assistant who solves tasks with code."),
        str("llm.input_messages.1.message.role", "user"), str("llm.input_messages.1.message.content", "New task:\nWhat was the population of Lyon in 2020?"),
        str("llm.output_messages.0.message.role", "assistant"), str("llm.output_messages.0.message.content", s.thought),
        int("llm.token_count.prompt", 1200 + k * 300), int("llm.token_count.completion", 80),
      ],
      status: { code: 1 },
    });
    if (s.tool) {
      spans.push({
        traceId: TRACE, spanId: id(next++), parentSpanId: step, name: s.tool.name === "final_answer" ? "FinalAnswerTool" : "DuckDuckGoSearchTool", kind: 1, startTimeUnixNano: at(t0 + 45), endTimeUnixNano: at(t0 + 80),
        attributes: [str("openinference.span.kind", "TOOL"), str("tool.name", s.tool.name), str("input.value", JSON.stringify({ args: [], sanitize_inputs_outputs: true, kwargs: s.tool.kwargs })), str("output.value", s.tool.output)],
        status: { code: 1 },
      });
    }
  });
  return { resourceSpans: [{ resource: { attributes: [str("service.name", "smolagents-demo")] }, scopeSpans: [{ scope: { name: "openinference.instrumentation.smolagents" }, spans }] }] };
}

const code = (py: string) => `Code:\n\`\`\`py\n${py}\n\`\`\`<end_code>`;

function analyzed(steps: StepSpec[], finalOutput: string, outcome?: "failed", maxSteps?: number) {
  const decoded = decodeTraceRequestJson(JSON.stringify(smolagentsTrace(steps, finalOutput, maxSteps)));
  expect(decoded.rejected).toEqual([]);
  return analyzeRun(decoded.spans, outcome ? { outcome } : {});
}

const searched: StepSpec = { thought: `Thought: search first.\n${code("print(web_search(query='Lyon population 2020'))")}`, tool: { name: "web_search", kwargs: { query: "Lyon population 2020" }, output: "Lyon ... 522,250 inhabitants (2020)" }, observations: "Execution logs:\nLyon ... 522,250 inhabitants (2020)" };
const keyError: StepSpec = { thought: `Thought: parse the table.\n${code("rows = page['table']")}`, exception: { type: "AgentExecutionError", message: "Code execution failed at line 'rows = page['table']' due to: KeyError: 'table'" } };

describe("a smolagents run over OTLP with its step errors recorded as exception events", () => {
  it("finds the step error and names the step's LLM call as the onset when told the run failed", () => {
    const a = analyzed([
      searched,
      keyError,
      { thought: `Thought: the key is wrong, read the infobox.\n${code("print(page['infobox'])")}`, observations: "Execution logs:\n{'population': 513275}" },
      { thought: `Thought: answer.\n${code("final_answer('513275')")}`, tool: { name: "final_answer", kwargs: { answer: "513275" }, output: "513275" } },
    ], "513275", "failed");
    expect(a.steps[1]!.actions.map((x) => [x.tool, x.ok])).toEqual([["step-observation", false]]);
    expect(a.onset).not.toBeNull();
    expect(a.onset!.stepIndex).toBe(1);
    expect(a.onset!.spanId).toBe(id(6)); // Step 2's LiteLLMModel.__call__
    expect(a.onset!.agentName).toBe("CodeAgent"); // the run span "CodeAgent.run" names the class
  });

  it("infers a failed run when the agent used its whole step budget, though its last answer says nothing of it", () => {
    // smolagents asks for a last answer outside any step when max_steps runs out.
    const retry: StepSpec = { ...keyError, thought: `Thought: try the table again.\n${code("rows = page['table']")}` };
    const a = analyzed([searched, keyError, retry], "522250", undefined, 3);
    expect(a.outcome.status).toBe("failed");
    expect(a.outcome.source).toBe("inferred");
    expect(a.outcome.reason).toMatch(/whole step budget \(3 of 3 steps\)/);
    expect(a.onset!.stepIndex).toBe(1);
    const within = analyzed([searched, keyError, { thought: `Thought: read the infobox instead.\n${code("print(page['infobox'])")}`, observations: "Execution logs:\n{'population': 522250}" }], "522250", undefined, 6);
    expect(within.outcome.status).not.toBe("failed");
  });

  it("infers a failed run from a parsing error the framework fed back, even when the agent then answered", () => {
    const unparsed: StepSpec = { thought: "Thought: I will now look at the table and extract the figure.", exception: { type: "AgentParsingError", message: "Error in code parsing:\nYour code snippet is invalid, because the regex pattern ```(?:py|python)?\\n(.*?)\\n``` was not found in it." } };
    const a = analyzed([
      searched,
      unparsed,
      { thought: `Thought: my previous output had no code block; read the infobox.\n${code("print(page['infobox'])")}`, observations: "Execution logs:\n{'population': 522250}" },
      { thought: `Thought: answer with the search result.\n${code("final_answer('522250')")}`, tool: { name: "final_answer", kwargs: { answer: "522250" }, output: "522250" } },
    ], "522250");
    expect(a.outcome.status).toBe("failed");
    expect(a.outcome.reason).toMatch(/could not read the model's output at step 2/);
    // A format error fixed at the next step is the model's typo, not where the run went
    // wrong (the same as a parse error on the LLM span of an imported run): with nothing
    // over the threshold, the step whose printed value the answer relayed is named.
    expect(a.steps[1]!.role).toBe("think");
    expect(a.onset!.stepIndex).toBe(2);
  });

  it("does not read the run span's status ok, which the instrumentor sets on every run that did not raise, as a success", () => {
    const clean = { thought: `Thought: answer.\n${code("final_answer('522250')")}`, tool: { name: "final_answer", kwargs: { answer: "522250" }, output: "522250" } };
    const a = analyzed([searched, clean], "522250");
    expect(a.outcome.status).toBe("unknown");
    expect(a.outcome.reason).toMatch(/status ok was set by its instrumentation \(openinference\.instrumentation\.smolagents\)/);
    expect(a.suspects.length).toBeGreaterThan(0);
    // The same spans from an application's own tracer: its ok is a statement about the run.
    const own = JSON.parse(JSON.stringify(smolagentsTrace([searched, clean], "522250")).replace("openinference.instrumentation.smolagents", "lyon-research-app")) as unknown;
    expect(analyzeRun(decodeTraceRequestJson(JSON.stringify(own)).spans).outcome).toMatchObject({ status: "succeeded", source: "status" });
  });

  it("reads a code step's printout beside its tool spans, but not a container that only echoes the decision", () => {
    const counted: StepSpec = {
      thought: `Thought: count the albums.\n${code("page = web_search(query='Mercedes Sosa albums')\nprint('Count:', len([a for a in page if '200' in a]))")}`,
      tool: { name: "web_search", kwargs: { query: "Mercedes Sosa albums" }, output: "Cantora 1 (2009), Corazón libre (2005), Misa criolla (2000)" },
      observations: "Execution logs:\nCount: 0",
    };
    const echo: StepSpec = { thought: "Thought: the answer is 0.", observations: "Thought: the answer is 0." };
    const a = analyzed([counted, echo], "0");
    expect(a.steps[0]!.actions.map((x) => [x.tool, x.ok])).toEqual([
      ["web_search", true],
      ["step-observation", true],
    ]);
    expect(a.steps[1]!.actions).toEqual([]);
  });
});

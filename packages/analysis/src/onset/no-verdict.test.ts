import { describe, expect, it } from "vitest";
import type { NormalizedSpan } from "@onset/otlp";
import { analyzeRun } from "../analyze-run";
import { RunBuilder } from "../test-support/span-builder";

/**
 * A smolagents CodeAgent run as openinference-instrumentation-smolagents exports it: the
 * run span (AGENT, always status OK, output = the final answer), one "Step N" CHAIN span
 * per step holding the LLM call, the step's observations in output.value, and its error
 * as an `agent.step_recovery` event (tool errors) or status ERROR + exception (others).
 * No span says the run failed.
 *
 *   CodeAgent.run ───────────────────────────────────────────── ok
 *     Step 1 [llm: search]            observations: "Search results: ..."
 *     Step 2 [llm: parse the page]    agent.step_recovery: "Code execution failed ... KeyError"
 *     Step 3 [llm: read the infobox]  observations: "{'country': 'France'}"
 *     Step 4 [llm: final_answer]      final_answer("I could not find the population figure")
 */
function smolagentsRun(opts: { recoveryAt2: boolean; finalAnswer: string; exceptionAt3?: string; thoughtAt3?: string }): NormalizedSpan[] {
  const b = new RunBuilder();
  const root = b.agent("CodeAgent", { name: "CodeAgent.run", status: "ok" });
  const step = (n: number, text: string) => {
    const id = b.chain(`Step ${n}`, { parent: root });
    b.llm({ parent: id, agentName: "CodeAgent", text });
    return id;
  };
  const s1 = step(1, "Thought: search first.\nCode:\n```py\nprint(web_search('population of Lyon 2020'))\n```");
  const s2 = step(2, "Thought: parse the table.\nCode:\n```py\nrows = page['table']\n```");
  const s2b = step(3, `${opts.thoughtAt3 ?? "Thought: try the infobox."}\nCode:\n\`\`\`py\nprint(page['infobox'])\n\`\`\``);
  const s3 = step(4, `Code:\n\`\`\`py\nfinal_answer(${JSON.stringify(opts.finalAnswer)})\n\`\`\``);
  const spans = b.build();
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  byId.get(s1)!.output = { kind: "text", text: "Execution logs:\nSearch results: Lyon ... 522,250 inhabitants (2020)" };
  if (opts.recoveryAt2) {
    byId.get(s2)!.events.push({ name: "agent.step_recovery", timeMs: byId.get(s2)!.endTimeMs, attributes: { type: "AgentExecutionError", message: "Code execution failed at line 'rows = page['table']' due to: KeyError: 'table'", severity: "expected" } });
  } else {
    byId.get(s2)!.output = { kind: "text", text: "Execution logs:\nrows: 12" };
  }
  byId.get(s2b)!.output = { kind: "text", text: "Execution logs:\n{'country': 'France'}" };
  if (opts.exceptionAt3 !== undefined) {
    const s = byId.get(s3)!;
    s.statusCode = "error";
    s.error = { type: "AgentParsingError", message: opts.exceptionAt3, stacktrace: null };
  } else {
    byId.get(s3)!.output = { kind: "text", text: opts.finalAnswer };
  }
  byId.get(root)!.output = { kind: "text", text: opts.finalAnswer };
  return spans;
}

describe("failure inferred without a verdict", () => {
  it("reads a step span's recovery event as the step's error and a final answer that gives up as a failed run", () => {
    const a = analyzeRun(smolagentsRun({ recoveryAt2: true, finalAnswer: "I could not find the population figure in the sources." }));
    expect(a.outcome.status).toBe("failed");
    expect(a.outcome.source).toBe("inferred");
    expect(a.outcome.reason).toMatch(/not done/);
    // The onset is the step whose observation carried the error, named by its decision LLM span.
    expect(a.onset).not.toBeNull();
    expect(a.onset!.stepIndex).toBe(1);
    expect(a.steps[1]!.actions.map((x) => [x.tool, x.ok])).toEqual([["step-observation", false]]);
  });

  it("reads a step span that ended in error (a parsing error) at the end of the run as a failed run", () => {
    const a = analyzeRun(smolagentsRun({ recoveryAt2: false, finalAnswer: "522250", exceptionAt3: "Error in code parsing: regex pattern ```(?:py|python)?\\n(.*?)\\n``` was not found" }));
    expect(a.outcome.status).toBe("failed");
    expect(a.outcome.reason).toMatch(/ended on an error/);
    expect(a.onset!.stepIndex).toBe(3);
  });

  it("stays silent on the same run when nothing went wrong", () => {
    const a = analyzeRun(smolagentsRun({ recoveryAt2: false, finalAnswer: "522250" }));
    expect(a.outcome.status).not.toBe("failed");
    expect(a.onset).toBeNull();
  });

  it("reads a code error the agent never acknowledged as a failed run, and one it acknowledged as handled", () => {
    const ignored = analyzeRun(smolagentsRun({ recoveryAt2: true, finalAnswer: "522250", thoughtAt3: "Thought: now read the infobox." }));
    expect(ignored.outcome.status).toBe("failed");
    expect(ignored.outcome.reason).toMatch(/without acknowledging/);
    expect(ignored.onset!.stepIndex).toBe(1);
    const handled = analyzeRun(smolagentsRun({ recoveryAt2: true, finalAnswer: "522250", thoughtAt3: "Thought: the table key does not exist; the previous code failed, so read the infobox instead." }));
    expect(handled.outcome.status).not.toBe("failed");
    expect(handled.onset).toBeNull();
  });

  it("reads a step error that an older smolagents instrumentor recorded as an exception event under status ok", () => {
    // openinference-instrumentation-smolagents up to its "handled errors" change:
    // `span.record_exception(step_log.error)` then `span.set_status(OK)` on the Step span.
    const spans = smolagentsRun({ recoveryAt2: false, finalAnswer: "522250", thoughtAt3: "Thought: now read the infobox." });
    const step2 = spans.find((s) => s.name === "Step 2")!;
    step2.output = null;
    step2.statusCode = "ok";
    step2.events.push({ name: "exception", timeMs: step2.endTimeMs, attributes: { "exception.type": "AgentExecutionError", "exception.message": "Code execution failed at line 'rows = page['table']' due to: KeyError: 'table'", "exception.escaped": "False" } });
    const a = analyzeRun(spans);
    expect(a.steps[1]!.actions.map((x) => [x.tool, x.ok])).toEqual([["step-observation", false]]);
    expect(a.outcome.status).toBe("failed");
    expect(a.onset!.stepIndex).toBe(1);
    expect(a.onset!.spanId).toBe(a.steps[1]!.id);
  });

  it.each([
    ["smolagents", "Reached max steps."],
    ["OpenAI Agents SDK", "MaxTurnsExceeded: Max turns (10) exceeded"],
    ["LangGraph", "GraphRecursionError: Recursion limit of 25 reached without hitting a stop condition."],
  ])("reads a %s limit in the run's output or error as a failed run", (_framework, text) => {
    const b = new RunBuilder();
    const root = b.agent("agent", { status: "unset" });
    b.step({ parent: root, text: "Looking it up.", calls: [{ tool: "search", args: { q: "x" }, result: "some result" }] });
    const spans = b.build();
    spans[0]!.output = { kind: "text", text };
    const a = analyzeRun(spans);
    expect(a.outcome.status).toBe("failed");
    expect(a.outcome.reason).toMatch(/limit/);
  });

  it("counts a contrast ('however', 'can only') as acknowledging an error", () => {
    const b = new RunBuilder();
    const root = b.agent("assistant", { status: "unset" });
    b.step({ parent: root, calls: [{ tool: "exchange_items", args: { order: "#W2" }, result: "Error: non-delivered order cannot be exchanged", error: "non-delivered order cannot be exchanged" }] });
    b.step({ parent: root, text: "Exchanges can only be processed for delivered orders. However, I can modify the pending order to swap the laptop.", calls: [] });
    b.step({ parent: root, calls: [{ tool: "modify_pending_order_items", args: { order: "#W2" }, result: "{\"status\": \"pending (item modified)\"}" }] });
    b.step({ parent: root, text: "Done: the pending order now has the 13-inch laptop.", calls: [] });
    expect(analyzeRun(b.build()).outcome.status).toBe("unknown");
  });

  it("does not count an error the agent acknowledged to the user", () => {
    const b = new RunBuilder();
    const root = b.agent("assistant", { status: "unset" });
    b.step({ parent: root, calls: [{ tool: "exchange_items", args: { order: "#W1" }, result: "Error: non-delivered order cannot be exchanged", error: "non-delivered order cannot be exchanged" }] });
    b.step({ parent: root, text: "Unfortunately this order has not been delivered yet, so it cannot be exchanged. Anything else?", calls: [] });
    const a = analyzeRun(b.build());
    expect(a.outcome.status).toBe("unknown");
  });

  it("reads a run where most acting steps failed as failed, and one failed command among many as routine", () => {
    const run = (failing: number, clean: number) => {
      const b = new RunBuilder();
      const root = b.agent("assistant", { status: "unset" });
      for (let k = 0; k < failing; k++) {
        b.step({ parent: root, text: `The previous attempt did not work; trying variant ${k}.`, calls: [{ tool: "run_query", args: { sql: `SELECT * FROM sales_${k}` }, result: `Error: no such table: sales_${k}`, error: `no such table: sales_${k}` }] });
      }
      for (let k = 0; k < clean; k++) b.step({ parent: root, text: "Listing.", calls: [{ tool: "list_tables", args: { page: k }, result: "orders, customers" }] });
      b.step({ parent: root, text: "Here is the summary you asked for.", calls: [] });
      return analyzeRun(b.build());
    };
    const kept = run(3, 2);
    expect(kept.outcome.status).toBe("failed");
    expect(kept.outcome.reason).toMatch(/3 of its 5 acting steps failed/);
    expect(run(1, 6).outcome.status).toBe("unknown");
  });
});

describe("errors that lost nothing", () => {
  it("does not read a tool refusing a repeat of a call that had already succeeded as a failure", () => {
    const b = new RunBuilder();
    const root = b.agent("researcher", { status: "unset" });
    b.step({ parent: root, text: "Thought: get the answer.", calls: [{ tool: "get_final_answer", args: {}, result: "42" }] });
    for (let k = 0; k < 2; k++) {
      const refusal = "I tried reusing the same input, I must stop using this action input. I'll try something else instead.";
      b.step({ parent: root, text: "Thought: keep using the tool as instructed.", calls: [{ tool: "get_final_answer", args: {}, result: refusal, error: refusal }] });
    }
    b.step({ parent: root, text: "Thought: I now know the final answer\nFinal Answer: 42", calls: [] });
    expect(analyzeRun(b.build()).outcome.status).toBe("unknown");
    // A different call that fails after the same tool succeeded is not a repeat.
    const c = new RunBuilder();
    const r2 = c.agent("researcher", { status: "unset" });
    c.step({ parent: r2, text: "Thought: cancel the first order.", calls: [{ tool: "cancel_order", args: { order_id: 1 }, result: '{"status": "cancelled"}' }] });
    c.step({ parent: r2, text: "Thought: and the other one.", calls: [{ tool: "cancel_order", args: { order_id: 2 }, result: "Error: order 2 is already shipped", error: "order 2 is already shipped" }] });
    c.step({ parent: r2, text: "Both orders are cancelled.", calls: [] });
    expect(analyzeRun(c.build()).outcome.status).toBe("failed");
  });

  it("reads a group chat where a teammate names the error and reruns the shared executor successfully as recovered", () => {
    const run = (fixText: string) => {
      const b = new RunBuilder();
      const root = b.agent("chat", { status: "unset" });
      const stats = b.agent("Statistics_Expert", { parent: root });
      const data = b.agent("DataAnalysis_Expert", { parent: root });
      b.step({ parent: data, text: "Fetch the data.", calls: [{ tool: "code_executor", args: { code: "import yfinance as yf\nprint(1)" }, result: "exitcode: 0 (execution succeeded)\nCode output: 1" }] });
      b.step({ parent: stats, text: "Let me verify the data.", calls: [{ tool: "code_executor", args: { code: "yf.Ticker('MSFT')" }, result: "NameError: name 'yf' is not defined", error: "NameError: name 'yf' is not defined" }] });
      b.step({ parent: data, text: fixText, calls: [{ tool: "code_executor", args: { code: "import yfinance as yf\nyf.Ticker('MSFT')" }, result: "exitcode: 0 (execution succeeded)\nCode output: ok" }] });
      b.step({ parent: stats, text: "Verified: the chart is correct. TERMINATE", calls: [] });
      return analyzeRun(b.build()).outcome.status;
    };
    expect(run("It looks like there was an error because yfinance was not imported; let's correct this and rerun.")).toBe("unknown");
    expect(run("Here is the full data set, fetched again.")).toBe("failed");
  });
});

describe("a run whose outcome is unknown", () => {
  it("claims no onset but names the steps it would blame if the run failed, with their evidence", () => {
    const b = new RunBuilder();
    const agent = b.agent("support", { status: "unset" });
    b.step({ parent: agent, calls: [{ tool: "get_order_details", args: { order_id: "#W2378156" }, result: '{"order_id": "#W2378156", "status": "processed", "total": 724.07}' }] });
    const answer = b.step({ parent: agent, text: "Your order #W2378156 totals $1,299.99 and will ship soon.", calls: [] }).llmId;
    const a = analyzeRun(b.build());
    expect([a.outcome.status, a.onset]).toEqual(["unknown", null]);
    expect(a.suspects[0]).toMatchObject({ stepId: answer, agentName: "support", evidence: [expect.objectContaining({ kind: "ungrounded-claim" })] });
    // Told it failed, the first suspect is the onset.
    expect(analyzeRun(b.build(), { outcome: "failed" }).onset?.stepId).toBe(answer);
    // A run known to have succeeded or failed has no suspects.
    expect(analyzeRun(b.build(), { outcome: "succeeded" }).suspects).toEqual([]);
  });
});

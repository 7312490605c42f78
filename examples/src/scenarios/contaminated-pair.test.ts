import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { collectScenarioSpans } from "../runner/collect-spans";
import { TraceView } from "../testing/trace-view";

/**
 *   clean:     planner → coder      → reviewer   (answer: code change)
 *   perturbed: planner → researcher → reviewer   (answer: explanation)
 *                        ▲ first divergence: route:coder vs route:researcher
 */
describe("contaminated-pair scenario", async () => {
  const { run, spans } = await collectScenarioSpans("contaminated-pair");
  const view = new TraceView(spans);
  const e = run.expectations;
  if (e.scenario !== "contaminated-pair") throw new Error("wrong scenario");
  const agentsOf = (traceId: string) => view.children(view.root(traceId)).map((s) => String(s.attributes["gen_ai.agent.name"]));
  /** Signature-like events of a run, in time order (what docs/spec/run-diff.md §1 extracts). */
  const events = (traceId: string) =>
    view
      .trace(traceId)
      .filter((s) => s.parentSpanContext)
      .map((s: ReadableSpan) => String(s.attributes["gen_ai.operation.name"]));

  it("produces two traces of the same task", () => {
    expect(run.traceIds).toEqual([e.clean.traceId, e.perturbed.traceId]);
    expect(view.root(e.clean.traceId).attributes["onset.task"]).toBe("add-invoice-retry");
    expect(view.root(e.perturbed.traceId).attributes["onset.task"]).toBe("add-invoice-retry");
    expect(e.clean.sessionId).not.toBe(e.perturbed.sessionId);
  });

  it("perturbs only the input, and the planner reroutes on it", () => {
    const input = (traceId: string) => (JSON.parse(String(view.root(traceId).attributes["gen_ai.input.messages"])) as { parts: { content: string }[] }[])[0]?.parts[0]?.content ?? "";
    expect(input(e.perturbed.traceId)).toBe(input(e.clean.traceId) + e.perturbation);
    expect(agentsOf(e.clean.traceId)).toEqual(["planner", "coder", "reviewer"]);
    expect(agentsOf(e.perturbed.traceId)).toEqual(["planner", "researcher", "reviewer"]);
    expect(e.firstDivergence).toEqual({
      type: "different_agent_routed",
      clean: { agent: "coder", spanId: view.children(view.root(e.clean.traceId))[1]?.spanContext().spanId },
      perturbed: { agent: "researcher", spanId: view.children(view.root(e.perturbed.traceId))[1]?.spanContext().spanId },
    });
    expect(e.reroutes).toBe(1);
  });

  it("keeps both runs the same length so the diff classifies a reroute, not an extension", () => {
    expect(e.sameLength).toBe(true);
    expect(events(e.perturbed.traceId)).toEqual(events(e.clean.traceId));
    expect(e.classification).toBe("strategy_reroute");
  });

  it("changes the final answer while both runs succeed", () => {
    expect(e.clean.status).toBe("ok");
    expect(e.perturbed.status).toBe("ok");
    expect(e.answerChanged).toBe(true);
    expect(e.clean.finalAnswer).toMatch(/^fetch_invoice now retries/);
    expect(e.perturbed.finalAnswer).toMatch(/^The documented policy/);
  });
});

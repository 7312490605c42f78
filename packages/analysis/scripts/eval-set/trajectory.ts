/**
 * The labelled evaluation format (packages/analysis/eval/): a run as a list of steps
 * with gold labels by step number, compact enough to keep in the repo, and the
 * converter that turns it into NormalizedSpan[] in one of two shapes:
 *
 * - "imported": how the importers lay out SWE-agent-like artifacts: one root agent span,
 *   then per step an LLM span and its tool spans as siblings, all carrying
 *   `onset.step.index`, no tool-call ids, process exit codes on shell tools.
 * - "otel": how instrumented agents export: agent spans (sub-agents nested in the
 *   planner, hand-offs as agent spans or as a `delegate` tool wrapping one), tool calls
 *   matched by call id, failed LLM attempts as error spans before the decision.
 *
 * Gold step numbers map to each step's decision LLM span id, the analyzer's step id.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { RunBuilder } from "../../src/test-support/span-builder";

/** One tool call of a step. */
export interface EvalCall {
  tool: string;
  args: Record<string, unknown> | string;
  result: string;
  /** Process exit code (shell tools). */
  exit?: number;
  /** Error message: the tool span ends with status error. */
  error?: string;
  /** A worker agent to hand off to (planner steps): the worker's following steps run inside it. */
  handoff?: string;
}

/** One step: a decision and its calls. */
export interface EvalStep {
  agent: string;
  text: string;
  calls: EvalCall[];
  tokens?: [number, number];
  /** The decision needed a retry: a failed LLM call precedes it. */
  llmError?: string;
}

/** A labelled run. */
export interface EvalTrajectory {
  id: string;
  source: "generated" | "hand";
  shape: "coding" | "single" | "planner-worker" | "research";
  style: "otel" | "imported";
  failureKind: string;
  outcome: "failed" | "succeeded";
  task: string;
  steps: EvalStep[];
  gold: { incorrect: number[]; unuseful: number[]; onset: number | null };
}

/** Spans of a trajectory and the span id standing for each step. */
export interface ConvertedRun {
  spans: NormalizedSpan[];
  stepIds: string[];
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0").slice(-width);
}

/** Deterministic 32-hex trace id from a trajectory id. */
function traceIdOf(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return hex(h, 8).repeat(4);
}

/** Converts a trajectory to spans. */
export function trajectoryToSpans(t: EvalTrajectory): ConvertedRun {
  const b = new RunBuilder(traceIdOf(t.id), 1_735_689_600_000);
  let seq = 0;
  const nextId = () => hex(++seq, 16);
  const rootAgent = t.steps[0]?.agent ?? "agent";
  const failedStatus = t.outcome === "failed" && t.style === "otel" && t.id.length % 2 === 0;
  const root = b.agent(rootAgent, {
    id: nextId(),
    attrs: failedStatus ? {} : { "onset.run.outcome": t.outcome },
    status: failedStatus ? "error" : "ok",
    error: failedStatus ? "run failed" : undefined,
  });
  const stepIds: string[] = [];
  // Open hand-off containers: worker name -> agent span id (otel style).
  let openWorker: { name: string; spanId: string } | null = null;

  t.steps.forEach((step, k) => {
    let parent = root;
    if (t.style === "otel" && step.agent !== rootAgent) {
      if (openWorker === null || openWorker.name !== step.agent) openWorker = { name: step.agent, spanId: b.agent(step.agent, { id: nextId(), parent: root }) };
      parent = openWorker.spanId;
    } else if (step.agent === rootAgent) openWorker = null;
    const attrs: Record<string, number> = t.style === "imported" ? { "onset.step.index": k } : {};
    if (step.llmError) b.llm({ id: nextId(), parent, status: "error", error: step.llmError, text: "", outputTokens: 0, costUsd: 0, attrs });
    const callIds = step.calls.map(() => (t.style === "otel" ? `call_${nextId().slice(-8)}` : null));
    const llmId = b.llm({
      id: nextId(),
      parent,
      agentName: t.style === "otel" ? step.agent : null,
      text: step.text,
      inputTokens: step.tokens?.[0] ?? 800 + 40 * k,
      outputTokens: step.tokens?.[1] ?? 90,
      costUsd: ((step.tokens?.[0] ?? 800 + 40 * k) * 2.5 + (step.tokens?.[1] ?? 90) * 10) / 1e6,
      attrs,
      inputMessages: k === 0 ? [{ role: "system", content: "You are a helpful agent." }, { role: "user", content: t.task }] : previousToolMessages(t.steps[k - 1]!),
      toolCalls: step.calls.filter((c) => c.handoff === undefined || t.style === "otel").map((c, j) => ({ id: callIds[j] ?? null, name: c.handoff !== undefined ? "delegate" : c.tool, args: c.args })),
    });
    stepIds.push(llmId);
    step.calls.forEach((c, j) => {
      if (c.handoff !== undefined) {
        if (t.style !== "otel") return;
        // Hand-off: alternate agent span directly, and agent-as-tool wrapping it.
        if (t.id.length % 3 === 0) {
          const wrapper = b.tool("delegate", { id: nextId(), parent, args: c.args, result: c.result, callId: callIds[j] ?? null, ms: 1 });
          openWorker = { name: c.handoff, spanId: b.agent(c.handoff, { id: nextId(), parent: wrapper }) };
        } else openWorker = { name: c.handoff, spanId: b.agent(c.handoff, { id: nextId(), parent: root }) };
        return;
      }
      b.tool(c.tool, {
        id: nextId(),
        parent,
        agentName: t.style === "otel" ? step.agent : null,
        args: c.args,
        result: c.result,
        exit: c.exit,
        error: c.error,
        callId: callIds[j] ?? null,
        attrs,
      });
    });
  });
  return { spans: b.build(), stepIds };
}

function previousToolMessages(prev: EvalStep): { role: string; content: string }[] {
  return prev.calls.map((c) => ({ role: "tool", content: c.result }));
}

/**
 * The run DAG (docs/spec/design.md §4): agents, tools and models as nodes; who called whom as edges
 * (agent -> model, agent -> tool, agent -> sub-agent, tool -> model/agent when a tool
 * runs one), plus hand-off edges between consecutive sibling agents. Node ids are
 * `kind:name`, never span ids, so the same agent/tool/model has the same id in every
 * run. Wrapper LLM spans are skipped: their usage repeats the calls they wrap.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { TokenTotals } from "../schema/common-schema";
import type { DagEdge, DagNode, RunDag } from "../schema/dag-schema";
import { agentNameOf } from "../steps/agent-scopes";
import { buildRunModel, type RunModel } from "../steps/run-model";
import { addSpanTokens, roundUsd, zeroTokens } from "../spans/token-sums";

interface Acc {
  count: number;
  errors: number;
  tokens: TokenTotals;
  costUsd: number;
  totalMs: number;
  maxMs: number;
}

function acc(): Acc {
  return { count: 0, errors: 0, tokens: zeroTokens(), costUsd: 0, totalMs: 0, maxMs: 0 };
}

function addSpan(a: Acc, span: NormalizedSpan, withUsage: boolean): void {
  a.count++;
  if (span.statusCode === "error") a.errors++;
  if (withUsage) {
    addSpanTokens(a.tokens, span);
    a.costUsd += span.costUsd ?? 0;
  }
  const ms = Math.max(0, span.endTimeMs - span.startTimeMs);
  a.totalMs += ms;
  if (ms > a.maxMs) a.maxMs = ms;
}

function latency(a: Acc): DagNode["latency"] {
  return { totalMs: a.totalMs, meanMs: a.count === 0 ? 0 : a.totalMs / a.count, maxMs: a.maxMs };
}

/** Builds the DAG of a run. */
export function buildDag(spans: readonly NormalizedSpan[]): RunDag {
  return dagFromModel(buildRunModel(spans));
}

/** Builds the DAG from a run model (analyzeRun shares its model). */
export function dagFromModel(model: RunModel): RunDag {
  const { spans, roots, children } = model.index;
  const { scopeOf, wrapper, agents } = model.scopes;
  const nodes = new Map<string, { kind: DagNode["kind"]; name: string; acc: Acc }>();
  const edges = new Map<string, { from: string; to: string; kind: DagEdge["kind"]; acc: Acc }>();
  const node = (kind: DagNode["kind"], name: string): { kind: DagNode["kind"]; name: string; acc: Acc } => {
    const id = `${kind}:${name}`;
    let n = nodes.get(id);
    if (n === undefined) {
      n = { kind, name, acc: acc() };
      nodes.set(id, n);
    }
    return n;
  };
  const edge = (from: string, to: string, kind: DagEdge["kind"]): Acc => {
    const id = `${from}->${to}:${kind}`;
    let e = edges.get(id);
    if (e === undefined) {
      e = { from, to, kind, acc: acc() };
      edges.set(id, e);
    }
    return e.acc;
  };
  // Implicit agents (spans outside any agent span): one invocation spanning their members.
  const implicitExtent = new Map<string, { start: number; end: number }>();

  const stackSpan: number[] = [];
  const stackCaller: (string | null)[] = [];
  for (let k = roots.length - 1; k >= 0; k--) {
    stackSpan.push(roots[k]!);
    stackCaller.push(null);
  }
  while (stackSpan.length > 0) {
    const i = stackSpan.pop()!;
    let caller = stackCaller.pop()!;
    const span = spans[i]!;
    if (caller === null && span.type !== "agent") {
      const scope = agents.get(scopeOf[i]!);
      if (scope !== undefined && scope.spanIndex < 0) {
        caller = `agent:${scope.name}`;
        const ext = implicitExtent.get(caller) ?? { start: span.startTimeMs, end: span.endTimeMs };
        ext.start = Math.min(ext.start, span.startTimeMs);
        ext.end = Math.max(ext.end, span.endTimeMs);
        implicitExtent.set(caller, ext);
        node("agent", scope.name);
      }
    }
    let self: string | null = null;
    if (span.type === "agent") {
      const n = node("agent", agentNameOf(span));
      self = `agent:${n.name}`;
      addSpan(n.acc, span, false);
      if (caller !== null) addSpan(edge(caller, self, "calls"), span, false);
    } else if (span.type === "llm" && wrapper[i] !== 1) {
      const n = node("model", span.model ?? "unknown");
      self = `model:${n.name}`;
      addSpan(n.acc, span, true);
      if (caller !== null) {
        addSpan(edge(caller, self, "calls"), span, true);
        // An agent's tokens and cost are its own model calls'.
        if (caller.startsWith("agent:")) {
          const a = nodes.get(caller)!.acc;
          addSpanTokens(a.tokens, span);
          a.costUsd += span.costUsd ?? 0;
        }
      }
    } else if (span.type === "tool" || span.type === "retriever") {
      const n = node("tool", span.tool?.name ?? span.name);
      self = `tool:${n.name}`;
      addSpan(n.acc, span, true);
      if (caller !== null) {
        addSpan(edge(caller, self, "calls"), span, true);
        if (caller.startsWith("agent:")) nodes.get(caller)!.acc.costUsd += span.costUsd ?? 0;
      }
    }
    const kids = children[i]!;
    const childCaller = self ?? caller;
    for (let k = kids.length - 1; k >= 0; k--) {
      stackSpan.push(kids[k]!);
      stackCaller.push(childCaller);
    }
    addHandoffs(kids, spans, edge);
  }
  addHandoffs(roots, spans, edge);
  for (const [id, ext] of implicitExtent) {
    const a = nodes.get(id)!.acc;
    a.count += 1;
    a.totalMs += ext.end - ext.start;
    a.maxMs = Math.max(a.maxMs, ext.end - ext.start);
  }

  return {
    nodes: [...nodes.entries()]
      .map(([id, n]) => ({ id, kind: n.kind, name: n.name, count: n.acc.count, errors: n.acc.errors, tokens: n.acc.tokens, costUsd: roundUsd(n.acc.costUsd), latency: latency(n.acc) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    edges: [...edges.entries()]
      .map(([id, e]) => ({ id, from: e.from, to: e.to, kind: e.kind, count: e.acc.count, errors: e.acc.errors, tokens: e.acc.tokens, costUsd: roundUsd(e.acc.costUsd), latency: latency(e.acc) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

/** Consecutive sibling agent spans of different agents: the first handed off to the second. */
function addHandoffs(siblings: number[], spans: NormalizedSpan[], edge: (from: string, to: string, kind: DagEdge["kind"]) => Acc): void {
  let prev: string | null = null;
  for (const c of siblings) {
    const s = spans[c]!;
    if (s.type !== "agent") continue;
    const name = `agent:${agentNameOf(s)}`;
    if (prev !== null && prev !== name) addSpan(edge(prev, name, "handoff"), s, false);
    prev = name;
  }
}

/**
 * One pass over the span tree deciding, for every span, which agent it belongs to and
 * what it is to that agent: a decision (an LLM call that is not a wrapper around other
 * LLM calls nor inside a tool), an action (a tool/retriever call, or a hand-off to a
 * sub-agent, not nested in another action), or an extra (embedding, guardrail, other).
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { SpanIndex } from "../tree/span-index";

/** Role of a span within its agent. */
export const SpanRole = { None: 0, Decision: 1, Action: 2, Extra: 3 } as const;

/** An agent: an agent span, or an implicit agent for spans outside any agent span. */
export interface AgentScope {
  id: string;
  name: string;
  /** Position of the agent span, or -1 for an implicit agent. */
  spanIndex: number;
  parentId: string | null;
  /** Rank (see SpanIndex.order) of the agent's first span, for stable ordering. */
  firstRank: number;
}

/** Result of the scope pass, arrays indexed by span position. */
export interface ScopeMap {
  agents: Map<string, AgentScope>;
  /** Agent id each span is a member of (an agent span is a member of its parent agent). */
  scopeOf: string[];
  role: Uint8Array;
  /** Nearest LLM ancestor within the same agent and outside tools, or -1. */
  llmAncestor: Int32Array;
  /** 1 for an LLM span that wraps other LLM spans (its usage repeats theirs). */
  wrapper: Uint8Array;
}

/** A method name that instrumentations append to an agent class in span names. */
const METHOD_SUFFIX = /\.(?:run|arun|run_sync|run_stream|invoke|ainvoke|stream|astream|__call__|kickoff|kickoff_async|execute)$/;

/** The name an agent span stands for. */
export function agentNameOf(span: NormalizedSpan): string {
  // An agent named after its span keeps the class, not the method: OpenInference's
  // smolagents run span is "CodeAgent.run", CrewAI's "Crew.kickoff".
  if (span.agentName) return span.agentName === span.name ? span.name.replace(METHOD_SUFFIX, "") || span.name : span.agentName;
  return span.name.replace(/^(?:invoke_agent|create_agent|agent)[\s.:]+/i, "").trim() || span.name;
}

const IMPLICIT_PREFIX = "agent:";

/** Computes agent membership and span roles in one iterative DFS. */
export function computeScopes(index: SpanIndex): ScopeMap {
  const { spans, roots, children, rank } = index;
  const n = spans.length;
  const scopeOf: string[] = new Array<string>(n).fill("");
  const role = new Uint8Array(n);
  const llmAncestor = new Int32Array(n).fill(-1);
  const wrapper = new Uint8Array(n);
  const agents = new Map<string, AgentScope>();
  const fallbackName = (roots.length > 0 ? spans[roots[0]!]!.serviceName : null) ?? "agent";

  const implicitScope = (span: NormalizedSpan, r: number): string => {
    const name = span.agentName ?? fallbackName;
    const id = `${IMPLICIT_PREFIX}${name}`;
    const known = agents.get(id);
    if (known === undefined) agents.set(id, { id, name, spanIndex: -1, parentId: null, firstRank: r });
    else if (r < known.firstRank) known.firstRank = r;
    return id;
  };

  // Stack frames: span position, its agent scope ("" = none yet), nearest llm and tool ancestors.
  const stackSpan: number[] = [];
  const stackScope: string[] = [];
  const stackLlm: number[] = [];
  const stackTool: number[] = [];
  for (let k = roots.length - 1; k >= 0; k--) {
    stackSpan.push(roots[k]!);
    stackScope.push("");
    stackLlm.push(-1);
    stackTool.push(-1);
  }
  while (stackSpan.length > 0) {
    const i = stackSpan.pop()!;
    const ctxScope = stackScope.pop()!;
    let llm = stackLlm.pop()!;
    let tool = stackTool.pop()!;
    const span = spans[i]!;
    let childScope = ctxScope;
    if (span.type === "agent") {
      const parentId = ctxScope === "" ? null : ctxScope;
      scopeOf[i] = parentId ?? "";
      if (parentId !== null && tool < 0) role[i] = SpanRole.Action;
      agents.set(span.spanId, { id: span.spanId, name: agentNameOf(span), spanIndex: i, parentId, firstRank: rank[i]! });
      childScope = span.spanId;
      llm = -1;
      tool = -1;
    } else {
      const scope = ctxScope === "" ? implicitScope(span, rank[i]!) : ctxScope;
      scopeOf[i] = scope;
      childScope = scope;
      if (span.type === "llm") {
        if (llm >= 0) wrapper[llm] = 1;
        if (tool < 0) {
          role[i] = SpanRole.Decision;
          llmAncestor[i] = llm;
          llm = i;
        }
      } else if (span.type === "tool" || span.type === "retriever") {
        llmAncestor[i] = llm;
        if (tool < 0) {
          role[i] = SpanRole.Action;
          tool = i;
        }
      } else if (span.type === "embedding" || span.type === "guardrail" || span.type === "other") {
        llmAncestor[i] = llm;
        if (tool < 0) role[i] = SpanRole.Extra;
      }
    }
    const kids = children[i]!;
    for (let k = kids.length - 1; k >= 0; k--) {
      stackSpan.push(kids[k]!);
      stackScope.push(childScope);
      stackLlm.push(llm);
      stackTool.push(tool);
    }
  }
  // An LLM span with LLM spans below it is a wrapper (ai.generateText around doGenerate): not a decision.
  for (let i = 0; i < n; i++) {
    if (wrapper[i] === 1 && role[i] === SpanRole.Decision) role[i] = SpanRole.None;
  }
  for (let i = 0; i < n; i++) {
    const a = llmAncestor[i]!;
    if (a >= 0 && wrapper[a] === 1) llmAncestor[i] = -1;
  }
  return { agents, scopeOf, role, llmAncestor, wrapper };
}

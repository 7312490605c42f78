/**
 * Groups spans into steps: one LLM decision plus the tool calls it issued (docs/spec/design.md §4).
 * A tool call belongs to the decision that requested it (tool-call id), else the one
 * carrying the same `onset.step.index`, else the LLM span it is nested in, else the
 * latest decision of the same agent before it. Failed LLM calls with no output are
 * retries, folded into the next decision. Tools with no decision before them form
 * steps of their own. Linear in the number of spans after the index sort.
 */
import { sourceStepIndexOf, llmOutputText, requestedToolCalls, spanErrorText } from "../spans/span-text";
import { addSpanTokens, zeroTokens } from "../spans/token-sums";
import type { SpanIndex } from "../tree/span-index";
import { SpanRole, type ScopeMap } from "./agent-scopes";
import type { AgentModel, StepModel } from "./step-model";

function newStep(index: SpanIndex, primary: number, agentId: string, agentName: string): StepModel {
  const span = index.spans[primary]!;
  return {
    id: span.spanId,
    index: 0,
    sourceIndex: sourceStepIndexOf(span),
    agentId,
    agentName,
    stageIndex: 0,
    llm: -1,
    retries: [],
    actions: [],
    actionSpans: [],
    extras: [],
    role: "think",
    startTimeMs: span.startTimeMs,
    endTimeMs: span.endTimeMs,
    rank: index.rank[primary]!,
    tokens: zeroTokens(),
    costUsd: 0,
    llmText: "",
    llmError: null,
  };
}

/** True for a failed LLM call that produced nothing: a retry, not a decision. */
function isEmptyFailure(index: SpanIndex, i: number): boolean {
  const s = index.spans[i]!;
  return s.statusCode === "error" && llmOutputText(s).trim() === "" && requestedToolCalls(s).length === 0;
}

/** Groups every decision and action into steps; returns agents (with their steps) and all steps in run order. */
export function groupSteps(index: SpanIndex, scopes: ScopeMap): { agents: AgentModel[]; steps: StepModel[] } {
  const { spans, order } = index;
  const { role, scopeOf, llmAncestor } = scopes;
  const agentModels = new Map<string, AgentModel>();
  const agentOf = (id: string): AgentModel => {
    let a = agentModels.get(id);
    if (a === undefined) {
      const scope = scopes.agents.get(id)!;
      a = { id, name: scope.name, spanId: scope.spanIndex >= 0 ? spans[scope.spanIndex]!.spanId : null, parentId: scope.parentId, steps: [] };
      agentModels.set(id, a);
    }
    return a;
  };

  // Pass 1: decisions become steps (retries folded forward); index them by call id and source step.
  const stepOfDecision = new Map<number, StepModel>();
  const byCallId = new Map<string, StepModel>();
  const bySource = new Map<string, StepModel>();
  const pendingRetries = new Map<string, number[]>();
  for (const i of order) {
    if (role[i] !== SpanRole.Decision) continue;
    const scope = scopeOf[i]!;
    if (isEmptyFailure(index, i)) {
      const list = pendingRetries.get(scope) ?? [];
      list.push(i);
      pendingRetries.set(scope, list);
      continue;
    }
    const agent = agentOf(scope);
    const step = newStep(index, i, scope, agent.name);
    step.llm = i;
    step.retries = pendingRetries.get(scope) ?? [];
    pendingRetries.delete(scope);
    stepOfDecision.set(i, step);
    for (const r of step.retries) stepOfDecision.set(r, step);
    for (const call of requestedToolCalls(spans[i]!)) if (call.id) byCallId.set(`${scope}\u0000${call.id}`, step);
    if (step.sourceIndex !== null && !bySource.has(`${scope}\u0000${step.sourceIndex}`)) bySource.set(`${scope}\u0000${step.sourceIndex}`, step);
    agent.steps.push(step);
  }
  for (const [scope, retries] of pendingRetries) {
    // Failed calls never followed by a decision: one step of their own.
    const agent = agentOf(scope);
    const step = newStep(index, retries[0]!, scope, agent.name);
    step.llm = retries[0]!;
    step.retries = retries.slice(1);
    for (const r of retries) stepOfDecision.set(r, step);
    agent.steps.push(step);
  }

  // Pass 2: actions and extras join their step, in run order.
  const current = new Map<string, StepModel>();
  for (const i of order) {
    const r = role[i];
    const scope = scopeOf[i]!;
    if (r === SpanRole.Decision) {
      const s = stepOfDecision.get(i);
      if (s !== undefined && s.llm === i) current.set(scope, s);
      continue;
    }
    if (r !== SpanRole.Action && r !== SpanRole.Extra) continue;
    const span = spans[i]!;
    let owner: StepModel | undefined;
    const callId = span.tool?.callId;
    if (callId) owner = byCallId.get(`${scope}\u0000${callId}`);
    if (owner === undefined) {
      const src = sourceStepIndexOf(span);
      if (src !== null) owner = bySource.get(`${scope}\u0000${src}`);
    }
    if (owner === undefined && llmAncestor[i]! >= 0) owner = stepOfDecision.get(llmAncestor[i]!);
    if (owner === undefined) owner = current.get(scope);
    if (owner === undefined) {
      if (r === SpanRole.Extra) continue;
      // A tool call with no decision before it (tool-only traces): its own step.
      const agent = agentOf(scope);
      owner = newStep(index, i, scope, agent.name);
      agent.steps.push(owner);
    }
    if (r === SpanRole.Action) owner.actionSpans.push(i);
    else owner.extras.push(i);
  }

  // Times, tokens, cost, decision text.
  const all: StepModel[] = [];
  for (const agent of agentModels.values()) {
    for (const step of agent.steps) {
      finishStep(index, step);
      all.push(step);
    }
  }
  // Run order: imported runs by their source step index when every step has one, else by time.
  const allSourced = all.length > 0 && all.every((s) => s.sourceIndex !== null);
  all.sort((a, b) => (allSourced ? a.sourceIndex! - b.sourceIndex! : 0) || a.startTimeMs - b.startTimeMs || a.rank - b.rank);
  all.forEach((s, k) => (s.index = k));
  const agents = [...agentModels.values()];
  for (const a of agents) a.steps.sort((x, y) => x.index - y.index);
  agents.sort((a, b) => (a.steps[0]?.index ?? Infinity) - (b.steps[0]?.index ?? Infinity) || (a.id < b.id ? -1 : 1));
  return { agents, steps: all };
}

function finishStep(index: SpanIndex, step: StepModel): void {
  const { spans } = index;
  const members = [...(step.llm >= 0 ? [step.llm] : []), ...step.retries, ...step.actionSpans, ...step.extras];
  step.actionSpans.sort((a, b) => index.rank[a]! - index.rank[b]!);
  let start = Infinity;
  let end = -Infinity;
  let cost = 0;
  for (const m of members) {
    const s = spans[m]!;
    if (s.startTimeMs < start) start = s.startTimeMs;
    if (s.endTimeMs > end) end = s.endTimeMs;
    cost += s.costUsd ?? 0;
    if (s.type === "llm" || s.type === "embedding") addSpanTokens(step.tokens, s);
  }
  step.startTimeMs = start;
  step.endTimeMs = end;
  step.costUsd = cost;
  if (step.llm >= 0) {
    const llm = spans[step.llm]!;
    step.llmText = llmOutputText(llm);
    if (llm.statusCode === "error") step.llmError = spanErrorText(llm) ?? "LLM call failed";
  }
}

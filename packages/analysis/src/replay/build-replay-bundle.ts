/**
 * The replay bundle: what a user needs to restart an agent from just before its failure
 * onset (issue 18; CodeTracer replays failed runs from the step before the onset with
 * the diagnosis injected). Pure: spans and their analysis in, a plain JSON object out.
 *
 * The conversation is the onset decision's own input when its LLM span recorded a whole
 * one (that is exactly what the model saw); else it is rebuilt from the steps before the
 * onset in the same conversation (the onset agent and its sibling agents, as in a group
 * chat): each step's new user/system input, its assistant message with tool calls, and
 * one tool message per call carrying the tool span's result.
 */
import type { ChatMessage, NormalizedSpan } from "@onset/otlp";
import type { RunAnalysis } from "../schema/analysis-schema";
import type { StepSummary } from "../schema/step-schema";
import { REPLAY_VERSION, ReplayBundleSchema, type OpenAIChatMessage, type ReplayBundle } from "../schema/replay-schema";
import { chatRole, repairTranscript, toOpenAI } from "./openai-messages";
import { contentText, decisionMessage, inputMessages } from "./span-messages";
import { buildDiagnosis } from "./replay-diagnosis";
import { collectTools, requestParameters } from "./replay-tools";

/** Attribute on an imported chat run's root holding its system messages (importers' chat-run). */
const CHAT_SYSTEM_ATTRIBUTE = "onset.chat.system";

/** Rebuilds one earlier step: new context, the assistant's decision with its calls, and their results. */
function stepMessages(step: StepSummary, spanById: ReadonlyMap<string, NormalizedSpan>, addContext: (m: ChatMessage[]) => void, out: OpenAIChatMessage[]): void {
  const llm = step.llmSpanId ? spanById.get(step.llmSpanId) : undefined;
  addContext(inputMessages(llm));
  const decision = decisionMessage(llm, step.agentName) ?? { role: "assistant", content: "", name: step.agentName, toolCalls: [] };
  const calls = [...(decision.toolCalls ?? [])];
  const results = new Map<number, string>();
  const observations: string[] = [];
  const claimed = new Set<number>();
  for (const action of step.actions) {
    const span = spanById.get(action.spanId);
    if (!span) continue;
    const result = span.tool?.result ?? span.error?.message ?? contentText(span.output);
    if (span.type !== "tool" || !span.tool) {
      // A step observation (code agents) or a sub-agent's answer: what the agent was shown next.
      if (result) observations.push(`${action.tool} result:\n${result}`);
      continue;
    }
    let k = span.tool.callId ? calls.findIndex((c, i) => !claimed.has(i) && c.id === span.tool!.callId) : -1;
    if (k < 0) k = calls.findIndex((c, i) => !claimed.has(i) && c.name === span.tool!.name && (c.id === null || !span.tool!.callId));
    if (k < 0) {
      calls.push({ id: span.tool.callId, name: span.tool.name, arguments: span.tool.arguments ?? "" });
      k = calls.length - 1;
    }
    claimed.add(k);
    results.set(k, result);
  }
  if (decision.content.length === 0 && calls.length === 0 && observations.length === 0) return;
  if (decision.content.length > 0 || calls.length > 0) out.push(toOpenAI({ ...decision, toolCalls: calls }));
  // Tool messages in call order; an id the call lacked is paired by repairTranscript.
  calls.forEach((c, i) => {
    if (results.has(i)) out.push({ role: "tool", tool_call_id: c.id ?? "", content: results.get(i)! });
  });
  for (const o of observations) out.push({ role: "user", content: o });
}

/** The most common model among the given spans, or null. */
function commonModel(spans: readonly (NormalizedSpan | undefined)[]): string | null {
  const counts = new Map<string, number>();
  for (const s of spans) if (s?.model) counts.set(s.model, (counts.get(s.model) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * The replay bundle of an analyzed run: the conversation just before the onset step's
 * decision (OpenAI chat format), the tools seen, the model and parameters, and a
 * diagnosis message to append. Null when the analysis names no onset. Throws when the
 * analysis does not belong to the spans (its onset step is missing).
 */
export function buildReplayBundle(spans: readonly NormalizedSpan[], analysis: RunAnalysis): ReplayBundle | null {
  const onset = analysis.onset;
  if (!onset) return null;
  const step = analysis.steps.find((s) => s.id === onset.stepId);
  if (!step) throw new Error(`the analysis names onset step ${onset.stepId}, which is not among its steps`);
  const spanById = new Map(spans.map((s) => [s.spanId, s]));
  const decision = step.llmSpanId ? spanById.get(step.llmSpanId) : undefined;

  const parentOf = new Map(analysis.agents.map((a) => [a.id, a.parentAgentId]));
  const parent = parentOf.get(step.agentId) ?? null;
  const before = analysis.steps.filter((s) => s.index < step.index && (s.agentId === step.agentId || (parentOf.get(s.agentId) ?? null) === parent));

  const own = inputMessages(decision);
  const whole = own.length > 0 && (before.length === 0 || own.some((m) => chatRole(m.role) === "assistant" || chatRole(m.role) === "tool"));
  let messages: OpenAIChatMessage[];
  if (whole) {
    messages = own.map(toOpenAI);
  } else {
    messages = [];
    const seen = new Set<string>();
    const addContext = (msgs: ChatMessage[]) => {
      for (const m of msgs) {
        const role = chatRole(m.role);
        // Earlier assistant turns and tool results are rebuilt from the steps themselves.
        if (role !== "system" && role !== "user") continue;
        const key = `${role}\u0000${m.content}`;
        if (seen.has(key)) continue;
        seen.add(key);
        messages.push(toOpenAI(m));
      }
    };
    for (const s of spans) {
      const system = s.parentSpanId === null ? s.attributes[CHAT_SYSTEM_ATTRIBUTE] : undefined;
      if (typeof system === "string" && system.length > 0) addContext([{ role: "system", content: system }]);
    }
    for (const s of before) stepMessages(s, spanById, addContext, messages);
    addContext(own);
  }

  const llmSpans = [decision, ...before.map((s) => (s.llmSpanId ? spanById.get(s.llmSpanId) : undefined))];
  const anyLlm = spans.filter((s) => s.type === "llm");
  const parameters = [...llmSpans, ...anyLlm].map((s) => (s ? requestParameters(s) : {})).find((p) => Object.keys(p).length > 0) ?? {};
  const { tools, inferred } = collectTools(spans);

  return ReplayBundleSchema.parse({
    version: REPLAY_VERSION,
    traceId: analysis.traceId,
    onset: {
      stepId: onset.stepId,
      spanId: onset.spanId,
      stepIndex: onset.stepIndex,
      sourceIndex: onset.sourceIndex,
      agentName: onset.agentName,
      confidence: onset.confidence,
    },
    model: decision?.model ?? commonModel(llmSpans) ?? commonModel(anyLlm),
    parameters,
    tools,
    inferredTools: inferred,
    messages: repairTranscript(messages),
    messagesSource: whole ? "onset-input" : "rebuilt",
    diagnosis: buildDiagnosis(analysis, spanById),
  } satisfies ReplayBundle);
}

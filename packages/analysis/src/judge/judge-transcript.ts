/**
 * What the judge reads about each step, taken from the spans: the model's reasoning (its
 * decision text), each action (tool call with its arguments, or the command), and what
 * the action returned (the observation). And the task: the run's first user message.
 * Without spans (an analysis alone) the transcript has actions and errors only.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { RunAnalysis } from "../schema/analysis-schema";
import type { StepSummary } from "../schema/step-schema";
import { chatRole } from "../replay/openai-messages";
import { contentText, decisionMessage, inputMessages } from "../replay/span-messages";

/** One action as the judge sees it. */
export interface TranscriptAction {
  /** The command, or the tool with its arguments. */
  call: string;
  /** ok, the check's outcome, or the error with its category. */
  outcome: string;
  /** What the action returned ("" when nothing was recorded). */
  observation: string;
}

/** One step as the judge sees it. */
export interface TranscriptStep {
  index: number;
  agentName: string;
  role: string;
  reasoning: string;
  actions: TranscriptAction[];
}

/** The run's task and its steps, untruncated (the prompt truncates to its budget). */
export interface JudgeTranscript {
  task: string;
  steps: TranscriptStep[];
}

function outcomeOf(a: StepSummary["actions"][number]): string {
  const exit = a.exitCode !== null ? ` (exit ${a.exitCode})` : "";
  if (a.error) return `ERROR ${a.error.category}: ${a.error.text}${exit}`;
  if (a.check) return `check ${a.check.kind} ${a.check.outcome}${exit}`;
  return `ok${exit}`;
}

/** The first user message the run's decisions saw, else the root span's input. */
function taskText(analysis: RunAnalysis, spanById: ReadonlyMap<string, NormalizedSpan>, spans: readonly NormalizedSpan[]): string {
  for (const step of analysis.steps) {
    const llm = step.llmSpanId ? spanById.get(step.llmSpanId) : undefined;
    const user = inputMessages(llm).find((m) => chatRole(m.role) === "user" && m.content.trim().length > 0);
    if (user) return user.content;
  }
  const root = spans.find((s) => s.parentSpanId === null && s.input !== null);
  return root ? contentText(root.input) : "";
}

/** The judge's transcript of an analyzed run; `spans` adds the task, reasoning and observations. */
export function buildJudgeTranscript(analysis: RunAnalysis, spans: readonly NormalizedSpan[] = []): JudgeTranscript {
  const spanById = new Map(spans.map((s) => [s.spanId, s]));
  const steps = analysis.steps.map((step): TranscriptStep => {
    const llm = step.llmSpanId ? spanById.get(step.llmSpanId) : undefined;
    const reasoning = decisionMessage(llm, step.agentName)?.content ?? "";
    const actions = step.actions.map((a): TranscriptAction => {
      const span = spanById.get(a.spanId);
      const args = span?.tool?.arguments ?? "";
      const call = a.command ?? (args ? `${a.tool} ${args}` : a.tool);
      const observation = span ? (span.tool?.result ?? span.error?.message ?? contentText(span.output)) : "";
      return { call, outcome: outcomeOf(a), observation };
    });
    return { index: step.index, agentName: step.agentName, role: step.role, reasoning, actions };
  });
  return { task: taskText(analysis, spanById, spans), steps };
}

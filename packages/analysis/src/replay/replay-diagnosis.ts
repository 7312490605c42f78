/**
 * The diagnosis message a replay injects before the onset step's decision: what went
 * wrong there (the onset's evidence in plain words), what the agent did at that step,
 * and what to avoid this time (CodeTracer: replaying from before the onset with the
 * diagnosis injected recovers runs).
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { EvidenceKind } from "../schema/common-schema";
import type { RunAnalysis } from "../schema/analysis-schema";
import type { ReplayBundle } from "../schema/replay-schema";

/** What to avoid, per kind of evidence against the onset step. */
const AVOID: Partial<Record<EvidenceKind, string>> = {
  "unresolved-error": "Do not repeat a call that failed the same way; check its arguments and the state it depends on first, or take another route.",
  "consumed-error": "Do not carry on past an error: read the tool result and handle it before the next step.",
  "first-error": "Read each tool result before acting on it; an error means the step did not do what was intended.",
  "verification-regression": "Do not make a change that breaks a check that was passing; re-run the checks after each change.",
  "failing-check": "Find out why the check fails before changing code; verify the fix makes it pass.",
  "reverted-change": "This change was later reverted: choose a different approach instead of making it again.",
  "rewritten-change": "This edit was later rewritten: get the change right the first time by reading the code it touches.",
  "blind-change": "Read a file before changing it.",
  "unverified-change": "Verify every change (run the relevant check) before finishing.",
  "first-change": "Reconsider this change: understand the problem (reproduce it, read the code) before editing the project's files.",
  "submit-with-error": "Do not give a final answer while an error or a failing check is still open.",
  "submit-unverified": "Do not give a final answer before verifying the result.",
  "repeated-action": "Do not repeat an action that made no progress; change the approach.",
  "loop-onset": "Do not repeat an action that made no progress; change the approach.",
  "redundant-exploration": "Do not look again at what you already looked at; use what you learned.",
  "ungrounded-claim": "State only facts and numbers that come from the task or from tool results; look up what you do not know.",
  "carried-claim": "Do not reuse a number that was never grounded in the task or a tool result.",
  "contradicted-observation": "Check the state a tool reported for each order, ticket or record, and count what a tool listed, before stating it or acting on it.",
  "unanswered-question": "Answer exactly what the task asks: when it asks how many or what year, the answer is a number.",
  "judge": "Reconsider this decision: a reviewer judged it to be where the run went wrong.",
  fallback: "Reconsider this decision: it is the most likely place the run went wrong.",
};

const MAX_ACTION_TEXT = 300;

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** What the onset step did, one line per action: tool and command (or arguments) and how it ended. */
function describeActions(analysis: RunAnalysis, spanById: ReadonlyMap<string, NormalizedSpan>): string[] {
  const step = analysis.steps.find((s) => s.id === analysis.onset?.stepId);
  if (!step) return [];
  return step.actions.map((a) => {
    const what = a.command ?? spanById.get(a.spanId)?.tool?.arguments ?? "";
    const end = a.ok ? "ok" : `failed${a.error ? `: ${clip(a.error.text, 160)}` : ""}`;
    return `- ${a.tool}${what ? ` ${clip(what, MAX_ACTION_TEXT)}` : ""} (${end})`;
  });
}

/** The diagnosis of a run with an onset: the message to inject, the evidence it rests on, what to avoid. */
export function buildDiagnosis(analysis: RunAnalysis, spanById: ReadonlyMap<string, NormalizedSpan>): ReplayBundle["diagnosis"] {
  const onset = analysis.onset!;
  const evidence = onset.evidence.filter((e) => e.kind !== "conflict").map((e) => ({ kind: e.kind, text: e.text }));
  const avoid = [...new Set(evidence.map((e) => AVOID[e.kind]).filter((a): a is string => a !== undefined))];
  const actions = describeActions(analysis, spanById);
  const later = analysis.chain.length;
  const lines = [
    // No step number: the model replaying sees a conversation, not the analyzer's numbering.
    `Note from a failure analysis of an earlier attempt at this task: that attempt (agent "${onset.agentName}") went wrong at this point (confidence ${onset.confidence.toFixed(2)}).`,
    "",
    "What went wrong:",
    ...(evidence.length > 0 ? evidence.map((e) => `- ${e.text}`) : ["- the analysis found no specific signal; this is its best guess"]),
  ];
  if (actions.length > 0) lines.push("", "What the earlier attempt did next (do not repeat it as is):", ...actions);
  if (later > 0) lines.push("", `${later} later step${later === 1 ? "" : "s"} built on that mistake.`);
  if (avoid.length > 0) lines.push("", "What to avoid:", ...avoid.map((a) => `- ${a}`));
  lines.push("", "Continue the task from here, taking this into account.");
  return { message: { role: "user", content: lines.join("\n") }, evidence, avoid };
}

/**
 * The optional LLM judge (docs/spec/failure-onset.md: "an optional LLM judge for re-ranking,
 * pluggable through any OpenAI-compatible endpoint, with its token cost recorded;
 * never required"). It re-ranks the deterministic candidates; on any failure (timeout,
 * HTTP error, unparseable reply) the deterministic answer is returned unchanged, with a
 * note saying why. The analysis given is never mutated.
 */
import { stepNumber } from "../onset/onset-context";
import type { Evidence } from "../schema/common-schema";
import type { RunAnalysis } from "../schema/analysis-schema";
import type { JudgeReport } from "../schema/judge-schema";
import type { ChainLink, Onset, StepLabel } from "../schema/onset-schema";
import { roundUsd } from "../spans/token-sums";
import { clip } from "../spans/text-hash";
import { JudgeConfigSchema, type FetchLike, type JudgeConfig, type JudgeConfigInput } from "./judge-config";
import type { NormalizedSpan } from "@onset/otlp";
import { buildJudgePrompt } from "./judge-prompt";
import { buildJudgeTranscript } from "./judge-transcript";
import { parseJudgeContent, replyUsage, type JudgeVerdict } from "./judge-reply";

/**
 * Asks the judge to re-rank the onset candidates of an analysis; resolves to a new
 * analysis with `judge` filled in. `spans` (the run's, as analyzed) give the prompt the
 * task, each step's reasoning and observations; without them it shows actions only.
 */
export async function judgeOnset(analysis: RunAnalysis, configInput: JudgeConfigInput, fetchFn: FetchLike, spans: readonly NormalizedSpan[] = []): Promise<RunAnalysis> {
  const config = JudgeConfigSchema.parse(configInput);
  if (analysis.onset === null) return { ...analysis, judge: report(analysis, config, "kept", "no failure onset to judge (the run did not fail)", [], null, 0, 0, null, 0) };
  const prompt = buildJudgePrompt(analysis, buildJudgeTranscript(analysis, spans), config.maxCandidates, config.promptTokenBudget);
  const started = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Race as well as abort: an injected fetch that ignores the signal still cannot hang the caller.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error("timeout"));
    }, config.timeoutMs);
  });
  const call = (async () => {
    const res = await fetchFn(`${config.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({ model: config.model, messages: prompt.messages, temperature: 0 }),
      signal: controller.signal,
    });
    return { ok: res.ok, status: res.status, text: await res.text() };
  })();
  call.catch(() => undefined);
  let bodyText: string;
  try {
    const res = await Promise.race([call, timeout]);
    bodyText = res.text;
    // The body is not quoted: the endpoint is an admin's setting, its error pages are not ours to show.
    if (!res.ok) return failed(analysis, config, `judge endpoint answered HTTP ${res.status}`, started);
  } catch (err) {
    const why = controller.signal.aborted ? `judge timed out after ${config.timeoutMs} ms` : `judge request failed: ${clip(String(err), 120)}`;
    return failed(analysis, config, why, started);
  } finally {
    clearTimeout(timer);
  }

  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return failed(analysis, config, `judge reply is not JSON: ${clip(bodyText, 80)}`, started);
  }
  const usage = replyUsage(body);
  const cost = usage.costUsd ?? (usage.promptTokens * config.inputUsdPerMTok + usage.completionTokens * config.outputUsdPerMTok) / 1e6;
  const content = (body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  const latencyMs = performance.now() - started;
  if (typeof content !== "string") {
    return { ...analysis, judge: report(analysis, config, "failed", "judge reply has no choices[0].message.content; deterministic onset kept", [], null, usage.promptTokens, usage.completionTokens, cost, latencyMs) };
  }
  const parsed = parseJudgeContent(content, prompt.shownIndexes);
  if ("error" in parsed) {
    return { ...analysis, judge: report(analysis, config, "failed", `${parsed.error}; deterministic onset kept`, [], null, usage.promptTokens, usage.completionTokens, cost, latencyMs) };
  }
  return apply(analysis, config, parsed.verdict, usage.promptTokens, usage.completionTokens, cost, latencyMs);
}

/** The report; `verdict` (a usable reply) gives the pick and category. */
function report(analysis: RunAnalysis, config: JudgeConfig, status: JudgeReport["status"], note: string, ranking: string[], verdict: JudgeVerdict | null, promptTokens: number, completionTokens: number, costUsd: number | null, latencyMs: number): JudgeReport {
  const picked = verdict ? analysis.steps[verdict.onsetIndex] : undefined;
  return {
    status,
    note,
    model: config.model,
    ranking,
    explanation: verdict?.explanation ?? null,
    category: verdict?.category ?? null,
    pick: picked ? { stepId: picked.id, stepIndex: picked.index, agentName: picked.agentName } : null,
    deterministicStepId: analysis.onset?.stepId ?? null,
    promptTokens,
    completionTokens,
    costUsd: roundUsd(costUsd ?? 0),
    latencyMs: Math.round(latencyMs),
  };
}

function failed(analysis: RunAnalysis, config: JudgeConfig, why: string, started: number): RunAnalysis {
  return { ...analysis, judge: report(analysis, config, "failed", `${why}; deterministic onset kept`, [], null, 0, 0, 0, performance.now() - started) };
}

function apply(analysis: RunAnalysis, config: JudgeConfig, verdict: JudgeVerdict, promptTokens: number, completionTokens: number, cost: number, latencyMs: number): RunAnalysis {
  const onset = analysis.onset!;
  const ranking = verdict.ranking.map((k) => analysis.steps[k]!.id);
  const chosen = analysis.steps[verdict.onsetIndex]!;
  const judgeEvidence: Evidence = {
    kind: "judge",
    text: `LLM judge (${config.model}) ${chosen.index === onset.stepIndex ? "agrees" : `picks step ${stepNumber(chosen.index)} over step ${stepNumber(onset.stepIndex)}`}: ${verdict.explanation ?? "no explanation given"}`,
    spanIds: [chosen.id],
    weight: 0,
  };
  if (chosen.index === onset.stepIndex) {
    const agreed: Onset = { ...onset, evidence: [...onset.evidence, judgeEvidence], confidence: Math.min(0.97, Math.round((onset.confidence + 0.1) * 1000) / 1000) };
    return { ...analysis, onset: agreed, judge: report(analysis, config, "kept", "judge agrees with the deterministic onset", ranking, verdict, promptTokens, completionTokens, cost, latencyMs) };
  }
  const score = analysis.candidates.find((c) => c.stepIndex === chosen.index)?.score ?? 0;
  const existing = analysis.labels.find((l) => l.stepIndex === chosen.index);
  const baseEvidence = existing?.label === "incorrect" ? existing.evidence : [];
  const newOnset: Onset = {
    spanId: chosen.id,
    stepId: chosen.id,
    stepIndex: chosen.index,
    sourceIndex: chosen.sourceIndex,
    agentName: chosen.agentName,
    actionSpanIds: chosen.actions.map((a) => a.spanId),
    evidence: [judgeEvidence, ...baseEvidence, { kind: "conflict", text: `deterministic onset was step ${stepNumber(onset.stepIndex)} (confidence ${onset.confidence}); the judge's pick wins`, spanIds: [onset.spanId], weight: 0 }],
    confidence: Math.round(Math.min(0.9, 0.35 + 0.5 * score) * 1000) / 1000,
  };
  // The onset is the earliest incorrect step: label the pick incorrect, and keep every other label.
  const labels: StepLabel[] = analysis.labels.filter((l) => l.stepIndex !== chosen.index);
  labels.push({ stepId: chosen.id, spanId: chosen.id, stepIndex: chosen.index, label: "incorrect", score: Math.max(score, existing?.score ?? 0), evidence: [judgeEvidence, ...baseEvidence] });
  labels.sort((a, b) => a.stepIndex - b.stepIndex);
  if (chosen.index > onset.stepIndex) {
    // A later pick: earlier incorrect labels would contradict "onset = min(incorrect)"; they become plain candidates.
    for (let k = labels.length - 1; k >= 0; k--) if (labels[k]!.label === "incorrect" && labels[k]!.stepIndex < chosen.index) labels.splice(k, 1);
  }
  const chain: ChainLink[] = [];
  const oldChain = new Map(analysis.chain.map((c) => [c.stepIndex, c]));
  for (const l of labels) if (l.label === "incorrect" && l.stepIndex > chosen.index) chain.push(oldChain.get(l.stepIndex) ?? { spanId: l.spanId, stepId: l.stepId, stepIndex: l.stepIndex, agentName: analysis.steps[l.stepIndex]?.agentName ?? "", relation: "incorrect", evidence: l.evidence });
  for (const c of analysis.chain) if (c.relation === "affected" && c.stepIndex > chosen.index) chain.push(c);
  chain.sort((a, b) => a.stepIndex - b.stepIndex);
  return { ...analysis, onset: newOnset, labels, chain, judge: report(analysis, config, "applied", `judge moved the onset from step ${stepNumber(onset.stepIndex)} to step ${stepNumber(chosen.index)}`, ranking, verdict, promptTokens, completionTokens, cost, latencyMs) };
}

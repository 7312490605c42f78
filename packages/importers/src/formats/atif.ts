/**
 * Harbor's Agent Trajectory Interchange Format (ATIF RFC 0001, v1.0-v1.5), written as
 * trajectory.json by Terminus 2 and by Harbor's converters for other agents:
 *   { schema_version: "ATIF-v1.x", session_id, agent: {name, version, model_name?},
 *     steps: [{step_id, timestamp?, source: system|user|agent, model_name?, message,
 *              reasoning_content?, tool_calls?: [{tool_call_id, function_name, arguments}],
 *              observation?: {results: [{source_call_id?, content?, subagent_trajectory_ref?}]},
 *              metrics?: {prompt_tokens, completion_tokens, cached_tokens, cost_usd, extra?}}],
 *     final_metrics?: {total_prompt_tokens, total_completion_tokens, total_cached_tokens, total_cost_usd} }
 * Each agent step is one llm span plus a tool span per tool call; the step keeps its
 * own step_id as onset.step.index. System and user steps are not agent steps: the
 * first user message is the run's input, later ones (and system steps) become events.
 */
import type { SpanEvent } from "@onset/otlp";
import { z } from "zod";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { contentText, numberOrNull, stringOrNull } from "../message-text";
import { splitModelName } from "../model-names";
import { RunBuilder } from "../run-builder";
import { SYNTHETIC_LLM_MS, SYNTHETIC_TOOL_MS, SyntheticClock, parseTimestamp, rangeFrom } from "../timeline";
import type { Detection, ExtractContext, Extractor, ImportedRun } from "../types";
import { requireJson, validateArtifact } from "../validate";
import { firstVerdict, verdictFromFields } from "../verdict";

const FORMAT = "atif";

const resultSchema = z.looseObject({
  source_call_id: z.string().nullable().optional(),
  content: z.unknown().optional(),
  subagent_trajectory_ref: z.array(z.looseObject({ session_id: z.string().optional() })).nullable().optional(),
  is_error: z.boolean().nullable().optional(),
  extra: z.record(z.string(), z.unknown()).nullable().optional(),
});
type Result = z.infer<typeof resultSchema>;

const stepSchema = z.looseObject({
  step_id: z.number(),
  timestamp: z.string().nullable().optional(),
  source: z.enum(["system", "user", "agent"]),
  model_name: z.string().nullable().optional(),
  message: z.unknown().optional(),
  reasoning_content: z.string().nullable().optional(),
  tool_calls: z
    .array(z.looseObject({ tool_call_id: z.string().nullable().optional(), function_name: z.string(), arguments: z.unknown() }))
    .nullable()
    .optional(),
  observation: z.looseObject({ results: z.array(resultSchema) }).nullable().optional(),
  metrics: z.record(z.string(), z.unknown()).nullable().optional(),
});
type Step = z.infer<typeof stepSchema>;

const trajectorySchema = z.looseObject({
  schema_version: z.string(),
  session_id: z.string(),
  agent: z.looseObject({ name: z.string(), version: z.string().nullable().optional(), model_name: z.string().nullable().optional() }),
  steps: z.array(stepSchema),
  final_metrics: z.record(z.string(), z.unknown()).nullable().optional(),
  continued_trajectory_ref: z.string().nullable().optional(),
});

function detect(input: ArtifactInput): Detection {
  const parsed = input.json();
  if (!parsed.ok) return { confidence: 0, reason: "not a JSON document" };
  const doc = parsed.value;
  if (!isRecord(doc) || !Array.isArray(doc.steps)) return { confidence: 0, reason: "no top-level `steps` array" };
  if (typeof doc.schema_version === "string" && doc.schema_version.startsWith("ATIF")) {
    return { confidence: 0.99, reason: `schema_version "${doc.schema_version}"` };
  }
  const first: unknown = doc.steps[0];
  if (isRecord(doc.agent) && isRecord(first) && "step_id" in first && "source" in first) {
    return { confidence: 0.8, reason: "`agent` and `steps` of {step_id, source} without an ATIF schema_version" };
  }
  return { confidence: 0, reason: "`steps` without an ATIF schema_version or {step_id, source} entries" };
}

/** Pairs each tool call with its observation result (see docs/importers.md, ATIF). */
function resultsFor(step: Step): Map<number, Result[]> {
  const calls = step.tool_calls ?? [];
  const results = step.observation?.results ?? [];
  const paired = new Map<number, Result[]>();
  const unmatched: Result[] = [];
  for (const r of results) {
    const k = r.source_call_id ? calls.findIndex((c) => c.tool_call_id === r.source_call_id) : -1;
    if (k >= 0) paired.set(k, [...(paired.get(k) ?? []), r]);
    else unmatched.push(r);
  }
  const open = calls.map((_, k) => k).filter((k) => !paired.has(k));
  if (unmatched.length === 0 || open.length === 0) return paired;
  if (unmatched.length === open.length) {
    open.forEach((k, i) => paired.set(k, [unmatched[i] as Result]));
  } else {
    // Terminus 2 sends several keystroke commands and reads the screen once after
    // all of them: the one result belongs to the last command that produces output.
    const target = [...open].reverse().find((k) => calls[k]?.function_name !== "mark_task_complete") ?? open[open.length - 1];
    if (target !== undefined) paired.set(target, unmatched);
  }
  return paired;
}

function extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[] {
  const doc = validateArtifact(trajectorySchema, requireJson(input, FORMAT), input, FORMAT);
  const defaultModel = splitModelName(doc.agent.model_name);
  const run = new RunBuilder(ctx, {
    runKey: doc.session_id,
    name: `${doc.agent.name} ${doc.session_id}`,
    agentName: doc.agent.name,
    serviceName: doc.agent.name,
    sessionId: doc.session_id,
    sourceRunId: doc.session_id,
    model: defaultModel,
  });
  const clock = new SyntheticClock(ctx.baseTimeMs);
  const firstUser = doc.steps.find((s) => s.source === "user");
  const firstAgent = doc.steps.find((s) => s.source === "agent");
  const task = firstUser ? contentText(firstUser.message) : null;
  const rootEvents: SpanEvent[] = [];
  let previousTs: number | null = null;
  let metricSteps = 0;

  for (const step of doc.steps) {
    const ts = parseTimestamp(step.timestamp);
    if (step.source !== "agent") {
      if (step !== firstUser) rootEvents.push(stepEvent(step, ts ?? clock.now()));
      if (ts !== null) previousTs = ts;
      continue;
    }
    // A step's timestamp marks when it was recorded, after its commands ran: the
    // interval since the previous step holds the LLM call and then the tools.
    const mid = previousTs !== null && ts !== null ? previousTs + (ts - previousTs) / 2 : null;
    const calls = step.tool_calls ?? [];
    const metrics = step.metrics ?? null;
    if (metrics) metricSteps++;
    const paired = resultsFor(step);
    const answeredWithoutTool = calls.length === 0 ? (step.observation?.results ?? []) : [];
    run.llm({
      stepIndex: step.step_id,
      time: rangeFrom(clock, previousTs, calls.length > 0 ? mid : ts, SYNTHETIC_LLM_MS),
      model: step.model_name ? splitModelName(step.model_name) : defaultModel,
      input: step === firstAgent && task ? [{ role: "user", content: task }] : null,
      output: [
        {
          role: "assistant",
          content: contentText(step.message),
          toolCalls: calls.map((c) => ({
            id: c.tool_call_id ?? null,
            name: c.function_name,
            arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments ?? {}),
          })),
        },
      ],
      usage: metrics ? usageOf(metrics) : null,
      costUsd: metrics ? numberOrNull(metrics.cost_usd) : null,
      attributes: step.reasoning_content ? { "onset.llm.reasoning": step.reasoning_content } : {},
      events: answeredWithoutTool.map((r) => ({
        name: "observation",
        timeMs: ts ?? clock.now(),
        attributes: { content: contentText(r.content) },
      })),
    });
    calls.forEach((call, k) => {
      const results = paired.get(k) ?? [];
      const subagents = results.flatMap((r) => (r.subagent_trajectory_ref ?? []).map((ref) => ref.session_id ?? ""));
      const exitCode = results.map((r) => numberOrNull(r.extra?.exit_code ?? r.extra?.returncode)).find((c) => c !== null) ?? null;
      const flagged = results.some((r) => r.is_error === true);
      const args = isRecord(call.arguments) ? call.arguments : {};
      run.tool({
        stepIndex: step.step_id,
        time: rangeFrom(clock, mid, ts, SYNTHETIC_TOOL_MS),
        name: call.function_name,
        callId: call.tool_call_id ?? null,
        arguments: call.arguments ?? {},
        result: results.length > 0 ? results.map((r) => contentText(r.content)).join("\n") : null,
        exitCode,
        error: flagged ? "tool result flagged is_error" : null,
        command: stringOrNull(args.command) ?? stringOrNull(args.keystrokes),
        attributes: subagents.length > 0 ? { "onset.subagent.session_ids": subagents } : {},
      });
    });
    if (ts !== null) previousTs = ts;
  }

  const totals = doc.final_metrics ?? {};
  return [
    run.finish({
      input: task ? { kind: "text", text: task } : null,
      // Totals go on the root only when no step reported its own (no double counting).
      usage:
        metricSteps === 0
          ? { input: numberOrNull(totals.total_prompt_tokens), output: numberOrNull(totals.total_completion_tokens), cacheRead: numberOrNull(totals.total_cached_tokens) }
          : null,
      costUsd: metricSteps === 0 ? numberOrNull(totals.total_cost_usd) : null,
      attributes: {
        "onset.source.format_version": doc.schema_version,
        ...(doc.agent.version ? { "gen_ai.agent.version": doc.agent.version } : {}),
        ...(numberOrNull(totals.total_cost_usd) !== null ? { "onset.run.reported_cost_usd": numberOrNull(totals.total_cost_usd) } : {}),
        ...(doc.continued_trajectory_ref ? { "onset.run.continued_trajectory_ref": doc.continued_trajectory_ref } : {}),
      },
      events: rootEvents,
      // ATIF has no verdict field of its own; converters put one in `extra` (success, reward, resolved).
      verdict: firstVerdict(verdictFromFields(doc), verdictFromFields(doc.extra), verdictFromFields(totals.extra)),
    }),
  ];
}

function usageOf(metrics: Record<string, unknown>) {
  const extra = isRecord(metrics.extra) ? metrics.extra : {};
  // ATIF: prompt_tokens counts every input token, cached_tokens is the cached subset.
  return {
    input: numberOrNull(metrics.prompt_tokens),
    output: numberOrNull(metrics.completion_tokens),
    cacheRead: numberOrNull(metrics.cached_tokens),
    cacheWrite: numberOrNull(extra.cache_creation_input_tokens),
    reasoning: numberOrNull(extra.reasoning_tokens),
  };
}

function stepEvent(step: Step, timeMs: number): SpanEvent {
  const subagents = (step.observation?.results ?? []).flatMap((r) => (r.subagent_trajectory_ref ?? []).map((ref) => ref.session_id ?? ""));
  return {
    name: `${step.source}.step`,
    timeMs,
    attributes: {
      "onset.step.index": step.step_id,
      message: contentText(step.message),
      ...(subagents.length > 0 ? { "onset.subagent.session_ids": subagents } : {}),
    },
  };
}

/** ATIF trajectory.json extractor (Harbor, Terminus 2). */
export const atifExtractor: Extractor = {
  format: FORMAT,
  description: "Harbor ATIF trajectory.json (Terminus 2 and converted agents): steps with tool_calls, observation, metrics",
  detect,
  extract,
};

/**
 * SWE-agent `.traj` files (SWE-agent 0.x and 1.x, sweagent/types.py):
 *   { trajectory: [{action, observation, response, thought, execution_time?, state?, query?, extra_info?}],
 *     history: [{role, content, agent?, message_type?, ...}],
 *     info: {exit_status, submission, model_stats: {instance_cost, tokens_sent, tokens_received, api_calls}},
 *     replay_config?, environment? }
 * One trajectory entry is one step: the model's response/thought (llm span) and the
 * action it ran in the shell (tool span). SWE-agent records no timestamps, no exit
 * codes and no per-step tokens: times are synthetic (execution_time sizes the tool
 * span), the run's token and cost totals go on the root span.
 */
import type { ChatMessage } from "@onset/otlp";
import { z } from "zod";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { contentText, numberOrNull, stringOrNull } from "../message-text";
import { splitModelName } from "../model-names";
import { RunBuilder } from "../run-builder";
import { SYNTHETIC_LLM_MS, SYNTHETIC_TOOL_MS, SyntheticClock } from "../timeline";
import type { Detection, ExtractContext, Extractor, ImportedRun } from "../types";
import { requireJson, validateArtifact } from "../validate";
import { firstVerdict, verdictFromExitStatus, verdictFromFields } from "../verdict";
import { historyToolCalls, toolCallFromAction } from "./swe-agent-actions";

const FORMAT = "swe-agent";

const optionalText = z.string().nullable().optional();
const optionalNumber = z.number().nullable().optional();

const stepSchema = z.looseObject({
  action: z.string(),
  observation: optionalText,
  response: optionalText,
  thought: optionalText,
  execution_time: optionalNumber,
  state: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable().optional(),
});

const trajSchema = z.looseObject({
  trajectory: z.array(stepSchema),
  history: z.array(z.looseObject({ role: z.string(), content: z.unknown().optional(), action: z.unknown().optional() })).optional(),
  info: z
    .looseObject({
      exit_status: optionalText,
      submission: optionalText,
      model_stats: z
        .looseObject({
          instance_cost: optionalNumber,
          tokens_sent: optionalNumber,
          tokens_received: optionalNumber,
          api_calls: optionalNumber,
        })
        .optional(),
    })
    .optional(),
  replay_config: z.unknown().optional(),
});

function detect(input: ArtifactInput): Detection {
  const parsed = input.json();
  if (!parsed.ok) return { confidence: 0, reason: "not a JSON document" };
  const doc = parsed.value;
  if (!isRecord(doc) || !Array.isArray(doc.trajectory)) {
    return { confidence: 0, reason: "no top-level `trajectory` array" };
  }
  const first: unknown = doc.trajectory[0];
  const stepShaped = first === undefined || (isRecord(first) && "action" in first && "observation" in first);
  if (!stepShaped) return { confidence: 0, reason: "`trajectory` entries lack `action`/`observation`" };
  let confidence = 0.8;
  const info = doc.info;
  if (isRecord(info) && ("exit_status" in info || "model_stats" in info)) confidence = 0.95;
  if (input.lowerName.endsWith(".traj")) confidence = Math.min(1, confidence + 0.05);
  return { confidence, reason: "`trajectory` of {action, observation} steps with an `info` block" };
}

function extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[] {
  const doc = validateArtifact(trajSchema, requireJson(input, FORMAT), input, FORMAT);
  const instanceId = instanceIdOf(input, doc.replay_config);
  const model = splitModelName(modelNameOf(doc.replay_config));
  const run = new RunBuilder(ctx, {
    runKey: "0",
    name: `swe-agent ${instanceId}`,
    agentName: "swe-agent",
    serviceName: "swe-agent",
    sourceRunId: instanceId,
    model,
  });
  const clock = new SyntheticClock(ctx.baseTimeMs);
  const task = taskOf(doc.history);
  const fromHistory = historyToolCalls(
    doc.trajectory.map((s) => s.action),
    doc.history,
  );

  doc.trajectory.forEach((step, i) => {
    const stepIndex = i + 1;
    const call = fromHistory[i] ?? toolCallFromAction(step.action);
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
    const content = stringOrNull(step.response) ?? stringOrNull(step.thought) ?? "";
    const output: ChatMessage[] = [{ role: "assistant", content, toolCalls: [{ id: call.callId, name: call.name, arguments: args }] }];
    run.llm({
      stepIndex,
      sourceIndex: i,
      time: clock.next(SYNTHETIC_LLM_MS),
      input: i === 0 && task ? [{ role: "user", content: task }] : null,
      output,
    });
    const execMs = numberOrNull(step.execution_time);
    run.tool({
      stepIndex,
      sourceIndex: i,
      time: clock.next(execMs !== null ? execMs * 1000 : SYNTHETIC_TOOL_MS),
      name: call.name,
      callId: call.callId,
      arguments: args,
      result: step.observation ?? null,
      command: step.action,
    });
  });

  const info = doc.info ?? {};
  const stats = info.model_stats ?? {};
  const exitStatus = stringOrNull(info.exit_status);
  return [
    run.finish({
      input: task ? { kind: "text", text: task } : null,
      output: stringOrNull(info.submission) ? { kind: "text", text: info.submission as string } : null,
      exitStatus,
      // "submitted" is a normal end; "exit_cost", "exit_format", "submitted (exit_cost)"
      // (an auto-submission after hitting a limit) and the like are not.
      error: exitStatus && exitStatus !== "submitted" ? `agent exited: ${exitStatus}` : null,
      // SWE-bench's `resolved` (merged into some trajectories) beats the exit status.
      verdict: firstVerdict(verdictFromFields(doc), verdictFromFields(info), verdictFromExitStatus(exitStatus)),
      usage: { input: numberOrNull(stats.tokens_sent), output: numberOrNull(stats.tokens_received) },
      costUsd: numberOrNull(stats.instance_cost),
      attributes: numberOrNull(stats.api_calls) !== null ? { "onset.run.api_calls": numberOrNull(stats.api_calls) } : {},
    }),
  ];
}

function taskOf(history: { role: string; content?: unknown }[] | undefined): string | null {
  const first = history?.find((h) => h.role === "user");
  return first ? contentText(first.content) || null : null;
}

function replayConfigOf(raw: unknown): Record<string, unknown> | null {
  if (isRecord(raw)) return raw;
  if (typeof raw !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null; // replay_config is advisory; a broken one must not fail the import
  }
}

function modelNameOf(replayConfig: unknown): string | null {
  const cfg = replayConfigOf(replayConfig);
  const agent = cfg?.agent;
  const modelCfg = isRecord(agent) ? agent.model : undefined;
  return isRecord(modelCfg) ? stringOrNull(modelCfg.name) ?? stringOrNull(modelCfg.model_name) : null;
}

function instanceIdOf(input: ArtifactInput, replayConfig: unknown): string {
  const ps = replayConfigOf(replayConfig)?.problem_statement;
  const id = isRecord(ps) ? stringOrNull(ps.id) : null;
  return id ?? input.baseName.replace(/\.traj$/, "").replace(/\.json$/, "");
}

/** SWE-agent `.traj` extractor. */
export const sweAgentExtractor: Extractor = {
  format: FORMAT,
  description: "SWE-agent .traj: trajectory of {thought, action, observation} steps with info.model_stats",
  detect,
  extract,
};

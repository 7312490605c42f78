/**
 * mini-SWE-agent trajectories (run/utils/save.py and DefaultAgent.serialize):
 *   { info: {exit_status, submission, model_stats: {instance_cost, api_calls}, mini_version, config},
 *     messages: [{role, content, extra?}], trajectory_format: "mini-swe-agent-1" | "mini-swe-agent-1.1" }
 *
 * v1 ("mini-swe-agent-1"): the action is the single ```bash block of an assistant
 * message; the next user message is the observation, rendered as
 * "<returncode>N</returncode>\n<output>...</output>", or a format-error / timeout
 * notice, or (for the submitting step) the submission itself.
 * v1.1 (mini-swe-agent 2.x): assistant messages carry `tool_calls` and
 * `extra.actions` [{command, tool_call_id}], `extra.cost`, `extra.timestamp`;
 * results are role "tool" messages with `extra.returncode`/`extra.timestamp`
 * (text-based configs use role "user" with the same extra); the run closes with a
 * role "exit" message whose extra holds exit_status and submission.
 * Per-call tokens come from `extra.response.usage` (LiteLLM's OpenAI-shaped usage).
 */
import type { TokenUsage } from "@onset/otlp";
import { z } from "zod";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { contentText, numberOrNull, stringOrNull } from "../message-text";
import { splitModelName } from "../model-names";
import { RunBuilder } from "../run-builder";
import { SYNTHETIC_LLM_MS, SYNTHETIC_TOOL_MS, SyntheticClock, parseTimestamp, rangeFrom } from "../timeline";
import type { Detection, ExtractContext, Extractor, ImportedRun } from "../types";
import { requireJson, validateArtifact } from "../validate";
import { firstVerdict, verdictFromExitStatus, verdictFromFields } from "../verdict";

const FORMAT = "mini-swe-agent";

const messageSchema = z.looseObject({
  role: z.string(),
  content: z.unknown().optional(),
  tool_calls: z.array(z.unknown()).nullable().optional(),
  tool_call_id: z.string().nullable().optional(),
  extra: z.record(z.string(), z.unknown()).nullable().optional(),
});
type Message = z.infer<typeof messageSchema>;

const trajSchema = z.looseObject({
  info: z
    .looseObject({
      exit_status: z.string().nullable().optional(),
      submission: z.string().nullable().optional(),
      model_stats: z.record(z.string(), z.unknown()).optional(),
      config: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  messages: z.array(messageSchema),
  trajectory_format: z.string().optional(),
  instance_id: z.string().optional(),
});

// mini-swe-agent's parse_action: exactly one fenced block; "mswea_bash_command" is the 2.x text-based fence.
const ACTION_BLOCK = /```(?:bash|mswea_bash_command)\s*\n([\s\S]*?)\n```/g;
const RETURNCODE = /<returncode>(-?\d+)<\/returncode>/;
const SUBMIT_MARKERS = ["COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT", "MINI_SWE_AGENT_FINAL_OUTPUT"];

interface Action {
  command: string;
  callId: string | null;
}

interface Step {
  message: Message;
  index: number;
  actions: Action[];
  /** Results keyed by tool_call_id (v1.1) or positional (v1: at most one). */
  results: { message: Message; index: number }[];
  /** The format-error / timeout / limit notice that followed instead of a result. */
  notice: { message: Message; index: number } | null;
}

function detect(input: ArtifactInput): Detection {
  const parsed = input.json();
  if (!parsed.ok) return { confidence: 0, reason: "not a JSON document" };
  const doc = parsed.value;
  if (!isRecord(doc) || !Array.isArray(doc.messages)) return { confidence: 0, reason: "no top-level `messages` array" };
  if (typeof doc.trajectory_format === "string" && doc.trajectory_format.startsWith("mini-swe-agent")) {
    return { confidence: 0.99, reason: `trajectory_format "${doc.trajectory_format}"` };
  }
  const info = doc.info;
  if (isRecord(info) && "mini_version" in info) return { confidence: 0.95, reason: "`info.mini_version` present" };
  if (isRecord(info) && isRecord(info.model_stats) && "exit_status" in info) {
    return { confidence: 0.6, reason: "`messages` with info.exit_status/model_stats (no trajectory_format)" };
  }
  return { confidence: 0, reason: "`messages` without trajectory_format or info.mini_version" };
}

function actionsOf(message: Message): Action[] {
  const extra = message.extra ?? {};
  if (Array.isArray(extra.actions)) {
    return extra.actions.filter(isRecord).map((a) => ({
      command: typeof a.command === "string" ? a.command : JSON.stringify(a),
      callId: stringOrNull(a.tool_call_id),
    }));
  }
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    return message.tool_calls.filter(isRecord).map((tc) => {
      const fn = isRecord(tc.function) ? tc.function : {};
      let command = typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? {});
      try {
        const args: unknown = JSON.parse(command);
        if (isRecord(args) && typeof args.command === "string") command = args.command;
      } catch {
        // arguments that are not JSON are kept verbatim as the command
      }
      return { command, callId: stringOrNull(tc.id) };
    });
  }
  return [...contentText(message.content).matchAll(ACTION_BLOCK)].map((m) => ({ command: (m[1] ?? "").trim(), callId: null }));
}

function isFormatError(message: Message): boolean {
  const extra = message.extra ?? {};
  return extra.interrupt_type === "FormatError" || /EXACTLY ONE action/i.test(contentText(message.content));
}

// v1's timeout_template replaces the observation; it carries no returncode.
function isTimeoutNotice(message: Message): boolean {
  return (message.extra ?? {}).returncode === undefined && /timed out and has been killed/.test(contentText(message.content));
}

function timeoutOf(message: Message): string | null {
  const text = contentText(message.content);
  const exception = stringOrNull((message.extra ?? {}).exception_info);
  if (exception) return exception;
  return /timed out and has been killed/.test(text) ? "command timed out" : null;
}

function extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[] {
  const doc = validateArtifact(trajSchema, requireJson(input, FORMAT), input, FORMAT);
  const info = doc.info ?? {};
  const config = info.config ?? {};
  const modelConfig = isRecord(config.model) ? config.model : {};
  const model = splitModelName(modelConfig.model_name);
  const runId = doc.instance_id ?? input.baseName.replace(/\.json$/i, "").replace(/\.traj$/i, "");
  const run = new RunBuilder(ctx, {
    runKey: "0",
    name: `mini-swe-agent ${runId}`,
    agentName: "mini-swe-agent",
    serviceName: "mini-swe-agent",
    sourceRunId: runId,
    model,
  });

  // Pass 1: group messages into steps (assistant message + what answered it).
  let task: string | null = null;
  let exitMessage: Message | null = null;
  const steps: Step[] = [];
  const notices: { index: number; text: string }[] = [];
  for (const [index, message] of doc.messages.entries()) {
    const current = steps[steps.length - 1];
    if (message.role === "assistant") {
      steps.push({ message, index, actions: actionsOf(message), results: [], notice: null });
    } else if (message.role === "exit") {
      exitMessage = message;
    } else if (message.role === "tool" && current) {
      current.results.push({ message, index });
    } else if (message.role === "user" && !current) {
      task ??= contentText(message.content);
    } else if (message.role === "user" && current) {
      const isNotice = current.actions.length === 0 || isFormatError(message) || isTimeoutNotice(message);
      if (isNotice && !current.notice) current.notice = { message, index };
      else if (!isNotice && current.results.length < current.actions.length) current.results.push({ message, index });
      // Anything else is a notice after the step was answered (v1 appends an empty
      // LimitsExceeded message after the last observation): kept as a root event.
      else notices.push({ index, text: contentText(message.content) });
    }
  }
  const exit: Message | null = exitMessage;

  // Pass 2: spans. v1.1 carries epoch-second timestamps in extra; v1 has none.
  const clock = new SyntheticClock(ctx.baseTimeMs);
  let lastTs: number | null = null;
  let costSteps = 0;
  steps.forEach((step, i) => {
    const stepIndex = i + 1;
    const extra = step.message.extra ?? {};
    const cost = numberOrNull(extra.cost);
    if (cost !== null) costSteps++;
    // A format error means the model's output was rejected and nothing ran.
    const formatError = step.notice !== null && (step.actions.length === 0 || isFormatError(step.notice.message));
    const assistantTs = parseTimestamp(extra.timestamp);
    run.llm({
      stepIndex,
      sourceIndex: step.index,
      time: rangeFrom(clock, lastTs, assistantTs, SYNTHETIC_LLM_MS),
      input: i === 0 && task ? [{ role: "user", content: task }] : null,
      output: [
        {
          role: "assistant",
          content: contentText(step.message.content),
          toolCalls: step.actions.map((a) => ({ id: a.callId, name: "bash", arguments: JSON.stringify({ command: a.command }) })),
        },
      ],
      usage: usageOf(extra),
      costUsd: cost,
      error: formatError ? `format error: ${firstLine(contentText(step.notice?.message.content))}` : null,
    });
    lastTs = assistantTs ?? lastTs;
    if (formatError) return;
    step.actions.forEach((action, k) => {
      const found = action.callId
        ? step.results.find((r) => r.message.tool_call_id === action.callId)
        : step.results[k];
      const outcome = found ? outcomeOf(found.message) : { result: null, exitCode: null, error: null };
      if (!found && step.notice) {
        // v1 timeout: the notice replaces the observation.
        outcome.result = contentText(step.notice.message.content);
        outcome.error = timeoutOf(step.notice.message);
      } else if (!found && exit && i === steps.length - 1 && SUBMIT_MARKERS.some((m) => action.command.includes(m))) {
        // v1.1 submits by raising: the exit message carries what the command printed.
        outcome.result = contentText(exit.content);
      }
      const resultTs = found ? parseTimestamp((found.message.extra ?? {}).timestamp) : null;
      run.tool({
        stepIndex,
        sourceIndex: found?.index ?? step.index,
        time: rangeFrom(clock, assistantTs, resultTs, SYNTHETIC_TOOL_MS),
        name: "bash",
        callId: action.callId,
        arguments: { command: action.command },
        result: outcome.result,
        exitCode: outcome.exitCode,
        error: outcome.error,
        command: action.command,
      });
      lastTs = resultTs ?? lastTs;
    });
  });

  const exitExtra = exit?.extra ?? {};
  const exitStatus = stringOrNull(info.exit_status) ?? stringOrNull(exitExtra.exit_status);
  const submission = stringOrNull(info.submission) ?? stringOrNull(exitExtra.submission);
  const stats = info.model_stats ?? {};
  const totalCost = numberOrNull(stats.instance_cost);
  const apiCalls = numberOrNull(stats.api_calls);
  return [
    run.finish({
      input: task ? { kind: "text", text: task } : null,
      output: submission ? { kind: "text", text: submission } : null,
      exitStatus,
      error: exitStatus && exitStatus !== "Submitted" ? `agent exited: ${exitStatus}` : null,
      verdict: firstVerdict(verdictFromFields(doc), verdictFromFields(info), verdictFromExitStatus(exitStatus)),
      // Cost lives where it was reported: per call in 2.x, only as a run total in 1.x.
      costUsd: costSteps === 0 ? totalCost : null,
      attributes: {
        ...(apiCalls !== null ? { "onset.run.api_calls": apiCalls } : {}),
        ...(totalCost !== null ? { "onset.run.reported_cost_usd": totalCost } : {}),
        ...(doc.trajectory_format ? { "onset.source.format_version": doc.trajectory_format } : {}),
      },
      events: notices.map((n) => ({
        name: "agent.notice",
        timeMs: clock.now(),
        attributes: { "onset.source.index": n.index, message: n.text },
      })),
    }),
  ];
}

function usageOf(extra: Record<string, unknown>): Partial<TokenUsage> | null {
  const response = isRecord(extra.response) ? extra.response : {};
  const usage = isRecord(response.usage) ? response.usage : null;
  if (!usage) return null;
  const prompt = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completion = isRecord(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  // OpenAI-shaped usage: prompt_tokens already includes the cached tokens.
  return {
    input: numberOrNull(usage.prompt_tokens),
    output: numberOrNull(usage.completion_tokens),
    cacheRead: numberOrNull(prompt.cached_tokens),
    reasoning: numberOrNull(completion.reasoning_tokens),
  };
}

/** Result text, exit code and error of one observation message. */
function outcomeOf(message: Message): { result: string | null; exitCode: number | null; error: string | null } {
  const result = contentText(message.content);
  const rc = numberOrNull((message.extra ?? {}).returncode) ?? numberOrNull(RETURNCODE.exec(result)?.[1]);
  if (rc !== null && rc >= 0) return { result, exitCode: rc, error: null };
  // -1 is mini-swe-agent's "not executed / killed" marker, not a process exit code.
  if (rc !== null) return { result, exitCode: null, error: timeoutOf(message) ?? `command did not complete (returncode ${rc})` };
  return { result, exitCode: null, error: timeoutOf(message) };
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? "";
}

/** mini-SWE-agent trajectory extractor. */
export const miniSweAgentExtractor: Extractor = {
  format: FORMAT,
  description: "mini-SWE-agent trajectory JSON (trajectory_format mini-swe-agent-1 / -1.1): messages with bash actions",
  detect,
  extract,
};

/**
 * OpenHands events -> one run of spans. A step is one LLM response: consecutive agent
 * actions that share `tool_call_metadata.model_response.id` (a response with several
 * tool calls) form one step with one llm span and a tool span per action. Each
 * action's observation is found by `cause` (the action's id), or, in the old pair
 * layout, by position. Token usage and cost are per step: the difference between
 * successive `llm_metrics` snapshots, which OpenHands attaches to actions as running
 * totals (AgentController._prepare_metrics_for_frontend: accumulated_cost and
 * accumulated_token_usage only).
 */
import type { ChatMessage, SpanEvent, TokenUsage } from "@onset/otlp";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { contentText, numberOrNull, stringOrNull } from "../message-text";
import { splitModelName } from "../model-names";
import { RunBuilder } from "../run-builder";
import { SYNTHETIC_LLM_MS, SYNTHETIC_TOOL_MS, SyntheticClock, parseTimestamp, rangeFrom } from "../timeline";
import type { ExtractContext, ImportedRun } from "../types";
import { type Verdict, firstVerdict, verdictFromExitStatus } from "../verdict";

/** One serialised OpenHands event (action or observation). */
export interface OpenHandsEvent {
  id?: number | null;
  timestamp?: string | null;
  source?: string | null;
  message?: string | null;
  cause?: number | null;
  action?: string;
  args?: Record<string, unknown> | null;
  observation?: string;
  content?: unknown;
  extras?: Record<string, unknown> | null;
  tool_call_metadata?: Record<string, unknown> | null;
  llm_metrics?: Record<string, unknown> | null;
  success?: boolean | null;
}

/** One OpenHands run as found in a container, before conversion. */
export interface OpenHandsRunSource {
  runKey: string;
  instanceId: string | null;
  instruction: string | null;
  events: OpenHandsEvent[];
  model: string | null;
  agentClass: string | null;
  patch: string | null;
  error: string | null;
  /** The verdict the record carries (test_result.report.resolved, success), if any. */
  verdict: Verdict | null;
}

// Agent-sourced actions that are bookkeeping, not decisions of the model.
const NON_STEP_ACTIONS = new Set(["system", "recall", "change_agent_state", "condensation", "condensation_request", "null"]);
// Action args that describe how OpenHands ran the action, not what the model asked for.
const BOOKKEEPING_ARGS = new Set([
  "thought",
  "hidden",
  "confirmation_state",
  "security_risk",
  "blocking",
  "is_static",
  "cwd",
  "impl_source",
  "include_extra",
  "kernel_init_code",
  "image_urls",
  "wait_for_response",
  "background",
  "start",
  "end",
]);

interface Step {
  actions: { event: OpenHandsEvent; position: number }[];
  responseId: string | null;
  /** Latest event time before the step's first action: when the LLM call started. */
  previousTs: number | null;
}

interface Metrics {
  cost: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Converts one OpenHands run to spans. */
export function buildOpenHandsRun(source: OpenHandsRunSource, input: ArtifactInput, ctx: ExtractContext): ImportedRun {
  const { events } = source;
  const observationFor = pairObservations(events);
  const firstUser = events.find((e) => e.source === "user" && e.action === "message");
  const task = source.instruction ?? (firstUser ? contentText(firstUser.args?.content ?? firstUser.message) : null);
  const systemAction = events.find((e) => e.action === "system");
  const agentName = source.agentClass ?? stringOrNull(systemAction?.args?.agent_class) ?? "openhands";
  const model = splitModelName(source.model ?? modelOf(events));
  const label = source.instanceId ?? input.baseName.replace(/\.jsonl?$/i, "");
  const run = new RunBuilder(ctx, {
    runKey: source.runKey,
    name: `openhands ${label}`,
    agentName,
    serviceName: "openhands",
    sourceRunId: source.instanceId,
    model,
  });

  // Group agent actions into steps; collect root-level events on the way.
  const steps: Step[] = [];
  const rootEvents: SpanEvent[] = [];
  let lastTs: number | null = null;
  let finalState: { state: string; reason: string | null } | null = null;
  let finalThought: string | null = null;
  for (const [position, event] of events.entries()) {
    const ts = parseTimestamp(event.timestamp);
    if (event.action && event.source === "agent" && !NON_STEP_ACTIONS.has(event.action)) {
      const tcm = event.tool_call_metadata ?? {};
      const response = isRecord(tcm.model_response) ? tcm.model_response : {};
      const responseId = stringOrNull(response.id);
      const current = steps[steps.length - 1];
      if (current && responseId && current.responseId === responseId) current.actions.push({ event, position });
      else steps.push({ actions: [{ event, position }], responseId, previousTs: lastTs });
      if (event.action === "finish") finalThought = stringOrNull(event.args?.final_thought) ?? stringOrNull(event.args?.outputs);
    } else if (event.action === "message" && event.source === "user" && event !== firstUser) {
      rootEvents.push({ name: "user.message", timeMs: ts ?? 0, attributes: { content: contentText(event.args?.content ?? event.message) } });
    } else if (event.observation === "agent_state_changed") {
      const state = stringOrNull(event.extras?.agent_state);
      if (state) {
        finalState = { state, reason: stringOrNull(event.extras?.reason) };
        rootEvents.push({ name: "agent.state_changed", timeMs: ts ?? 0, attributes: { state } });
      }
    }
    if (ts !== null) lastTs = ts;
  }

  const clock = new SyntheticClock(ctx.baseTimeMs);
  let previous: Metrics = { cost: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  let metricSteps = 0;
  steps.forEach((step, i) => {
    const stepIndex = i + 1;
    const first = step.actions[0]?.event;
    if (!first) return;
    const firstTs = parseTimestamp(first.timestamp);
    const snapshot = latestMetrics(step.actions.map((a) => a.event));
    let usage: Partial<TokenUsage> | null = null;
    let costUsd: number | null = null;
    if (snapshot) {
      metricSteps++;
      usage = {
        input: delta(snapshot.input, previous.input),
        output: delta(snapshot.output, previous.output),
        cacheRead: delta(snapshot.cacheRead, previous.cacheRead),
        cacheWrite: delta(snapshot.cacheWrite, previous.cacheWrite),
      };
      costUsd = delta(snapshot.cost, previous.cost);
      previous = snapshot;
    }
    const toolActions = step.actions.filter((a) => a.event.action !== "message");
    const thoughts = step.actions
      .map((a) => (a.event.action === "message" ? contentText(a.event.args?.content) : stringOrNull(a.event.args?.thought)))
      .filter((t): t is string => !!t);
    const output: ChatMessage[] = [
      {
        role: "assistant",
        content: thoughts.join("\n"),
        toolCalls: toolActions.map((a) => ({
          id: callIdOf(a.event),
          name: toolNameOf(a.event),
          arguments: JSON.stringify(toolArguments(a.event)),
        })),
      },
    ];
    run.llm({
      stepIndex,
      sourceIndex: first.id ?? step.actions[0]?.position ?? null,
      time: rangeFrom(clock, step.previousTs, firstTs, SYNTHETIC_LLM_MS),
      input: i === 0 && task ? [{ role: "user", content: task }] : null,
      output,
      usage,
      costUsd,
    });
    for (const { event, position } of toolActions) {
      const observation = observationFor.get(position) ?? null;
      const outcome = outcomeOf(observation);
      run.tool({
        stepIndex,
        sourceIndex: event.id ?? position,
        time: rangeFrom(clock, parseTimestamp(event.timestamp), parseTimestamp(observation?.timestamp), SYNTHETIC_TOOL_MS),
        name: toolNameOf(event),
        callId: callIdOf(event),
        arguments: toolArguments(event),
        result: observation ? contentText(observation.content) : null,
        exitCode: outcome.exitCode,
        error: outcome.error,
        command: commandOf(event),
      });
    }
  });

  const ended = finalState;
  const failure = source.error ?? (ended?.state === "error" ? (ended.reason ?? "agent entered the error state") : null);
  return run.finish({
    input: task ? { kind: "text", text: task } : null,
    output: source.patch ? { kind: "text", text: source.patch } : finalThought ? { kind: "text", text: finalThought } : null,
    exitStatus: ended?.state ?? null,
    error: failure,
    // A recorded test result wins; else a crash or the error state is a failure.
    verdict: firstVerdict(
      source.verdict,
      source.error ? { outcome: "failed", reason: `error: ${source.error.split("\n", 1)[0] ?? ""}` } : null,
      verdictFromExitStatus(ended?.state ?? null),
    ),
    events: rootEvents.map((e) => ({ ...e, timeMs: e.timeMs || clock.now() })),
    attributes: metricSteps === 0 ? {} : { "onset.run.reported_cost_usd": roundCost(previous.cost) },
  });
}

/** Maps the position of each action to its observation: by `cause`, else the next uncaused observation. */
function pairObservations(events: readonly OpenHandsEvent[]): Map<number, OpenHandsEvent> {
  const positionById = new Map<number, number>();
  const result = new Map<number, OpenHandsEvent>();
  events.forEach((e, position) => {
    if (e.action && typeof e.id === "number") positionById.set(e.id, position);
  });
  events.forEach((e, position) => {
    if (!e.observation) return;
    const causePosition = typeof e.cause === "number" ? positionById.get(e.cause) : undefined;
    if (causePosition !== undefined) {
      if (!result.has(causePosition)) result.set(causePosition, e);
      return;
    }
    const prev = events[position - 1];
    if (typeof e.cause !== "number" && prev?.action && !result.has(position - 1)) result.set(position - 1, e);
  });
  return result;
}

function modelOf(events: readonly OpenHandsEvent[]): string | null {
  for (const e of events) {
    const usage = e.llm_metrics?.accumulated_token_usage;
    if (isRecord(usage) && stringOrNull(usage.model)) return String(usage.model);
    const response = e.tool_call_metadata?.model_response;
    if (isRecord(response) && stringOrNull(response.model)) return String(response.model);
  }
  return null;
}

function latestMetrics(actions: readonly OpenHandsEvent[]): Metrics | null {
  let found: Metrics | null = null;
  for (const a of actions) {
    const m = a.llm_metrics;
    if (!m) continue;
    const usage = isRecord(m.accumulated_token_usage) ? m.accumulated_token_usage : {};
    found = {
      cost: numberOrNull(m.accumulated_cost) ?? 0,
      input: numberOrNull(usage.prompt_tokens) ?? 0,
      output: numberOrNull(usage.completion_tokens) ?? 0,
      cacheRead: numberOrNull(usage.cache_read_tokens) ?? 0,
      cacheWrite: numberOrNull(usage.cache_write_tokens) ?? 0,
    };
  }
  return found;
}

// Differences of float running totals pick up binary noise (0.0301 - 0.021 = 0.009100000000000001).
function roundCost(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

/**
 * Growth of a running total since the previous snapshot. A total that went down
 * belongs to another metrics object (a delegate agent's own LLM): unknown, not negative.
 */
function delta(current: number, previous: number): number | null {
  const d = roundCost(current - previous);
  return d >= 0 ? d : null;
}

function toolNameOf(event: OpenHandsEvent): string {
  return stringOrNull(event.tool_call_metadata?.function_name) ?? event.action ?? "unknown";
}

function callIdOf(event: OpenHandsEvent): string | null {
  return stringOrNull(event.tool_call_metadata?.tool_call_id);
}

/** What the model asked for: the action's args without OpenHands' execution bookkeeping or empty values. */
export function toolArguments(event: OpenHandsEvent): Record<string, unknown> {
  const args = event.args ?? {};
  if (event.action === "think") return { thought: args.thought ?? "" };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (BOOKKEEPING_ARGS.has(key) || value === null || value === undefined || value === "") continue;
    if (key === "is_input" && value === false) continue;
    if (isRecord(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out;
}

function outcomeOf(observation: OpenHandsEvent | null): { exitCode: number | null; error: string | null } {
  if (!observation) return { exitCode: null, error: null };
  const kind = observation.observation;
  if (kind === "error") return { exitCode: null, error: trimError(contentText(observation.content)) };
  if (kind === "user_rejected") return { exitCode: null, error: "action rejected by the user" };
  if (kind === "run" || kind === "run_ipython") {
    const extras = observation.extras ?? {};
    const metadata = isRecord(extras.metadata) ? extras.metadata : {};
    const code = numberOrNull(metadata.exit_code) ?? numberOrNull(extras.exit_code);
    // -1 is OpenHands' "no exit code": the command timed out or is still running.
    if (code !== null && code < 0) return { exitCode: null, error: "command did not exit (timed out or still running)" };
    if (code !== null) return { exitCode: code, error: null };
  }
  return { exitCode: null, error: null };
}

/** The shell (or IPython) source an action ran, for onset.tool.command. */
function commandOf(event: OpenHandsEvent): string | null {
  if (event.action === "run") return stringOrNull(event.args?.command);
  if (event.action === "run_ipython") return stringOrNull(event.args?.code);
  return null;
}

function trimError(text: string): string {
  const body = text.replace(/^ERROR:\s*/, "").trim();
  return body.length > 500 ? `${body.slice(0, 500)}…` : body || "error observation";
}

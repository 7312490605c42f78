/**
 * One chat conversation -> one run. Each agent turn is a step: an llm span whose
 * output is the message (every turn, whether or not it calls a tool), numbered by the
 * message's 1-based position, under one agent span per speaker. Tool results become
 * tool spans attached to the turn that asked for them (same `onset.step.index`):
 *   - OpenAI `role: tool` messages, by tool_call_id (AG2's `tool_responses` likewise, and
 *     the "***** Response from calling tool (id) *****" blocks its console prints);
 *   - code-executor / terminal output posted as a message, attached to the latest agent
 *     turn holding a code block (else the latest agent turn), as tool `code_executor`;
 *   - a ReAct "Observation:" the framework appended to the agent's own message (CrewAI),
 *     and a browsing agent's page report, split off the turn as its tool result.
 * Human turns are the input of the next llm span (whose `onset.source.input_indices`
 * lists them) and events of the root ("human.message"); system messages the run's
 * instructions. Every span made from a message carries `onset.source.index`, the
 * message's 0-based position in the list, so labels keyed by message map to spans.
 */
import type { Attributes, ChatMessage, SpanEvent, ToolCallRequest } from "@onset/otlp";
import { z } from "zod";
import { isRecord } from "../artifact-input";
import { contentText, numberOrNull, stringOrNull } from "../message-text";
import { splitModelName } from "../model-names";
import { RunBuilder } from "../run-builder";
import { SYNTHETIC_LLM_MS, SYNTHETIC_TOOL_MS, SyntheticClock, parseTimestamp, rangeFrom } from "../timeline";
import type { ExtractContext, ImportedRun } from "../types";
import { type Verdict, firstVerdict, verdictFromExitStatus } from "../verdict";
import { splitBrowserObservation } from "./chat-observation";
import { printedToolCalls, printedToolResponses } from "./chat-printed-tools";
import { splitReActObservation } from "./chat-react";
import { codeBlocks, isExecutorName, parseExecutorOutput } from "./chat-output";
import { classifyMessage, isInjectedTask, openingProxies, speakerOf } from "./chat-speakers";

const messageSchema = z.looseObject({
  role: z.string(),
  name: z.string().nullable().optional(),
  content: z.unknown(),
  tool_calls: z.array(z.unknown()).nullable().optional(),
  tool_call_id: z.string().nullable().optional(),
  tool_responses: z.array(z.unknown()).nullable().optional(),
});
type Message = z.infer<typeof messageSchema>;

/** Schema of a message list, checked before conversion. */
export const messageListSchema = z.array(messageSchema);

/** What the run is built from besides its messages. */
export interface ChatRunMeta {
  runKey: string;
  label: string;
  sourceRunId: string | null;
  verdict: Verdict | null;
  /** Index in the source list of each message, when the container rewrote them; else the position. */
  sourceIndexes?: readonly number[];
  /** How the conversation says it ended, when its container records it. */
  exitStatus: string | null;
  attributes: Attributes;
}

interface Turn {
  speaker: string;
  stepIndex: number;
  agentSpanId: string;
  code: string | null;
  language: string | null;
}

interface PendingCall {
  turn: Turn;
  name: string;
  arguments: string;
}

function toolCallsOf(message: Message): ToolCallRequest[] {
  const calls: unknown[] = [...(message.tool_calls ?? [])];
  // Legacy OpenAI / AutoGen 0.2 function_call: one call without an id.
  if (isRecord(message.function_call)) calls.push({ function: message.function_call });
  return calls.filter(isRecord).map((tc) => {
    const fn = isRecord(tc.function) ? tc.function : tc;
    const args = fn.arguments;
    return {
      id: stringOrNull(tc.id),
      name: stringOrNull(fn.name) ?? "unknown",
      arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
    };
  });
}

/** An error a tool result reports about itself: is_error, "Error: ...", "Error executing tool: ...", or a JSON object with an `error`. */
function toolResultError(message: Record<string, unknown>, text: string): string | null {
  if (message.is_error === true || message.status === "error") return text || "tool reported an error";
  const t = text.trimStart();
  // "Error: …"; CrewAI's native tool calling reports a raised tool as "Error executing tool: …".
  if (/^error\b\s*[:-]/i.test(t) || /^error executing tool\b/i.test(t)) return t.split("\n", 1)[0] ?? t;
  if (t.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (isRecord(parsed) && parsed.error !== undefined && parsed.error !== null && parsed.error !== false && parsed.error !== "") {
        return `error: ${typeof parsed.error === "string" ? parsed.error : JSON.stringify(parsed.error)}`;
      }
    } catch {
      // not JSON after all: no error claimed
    }
  }
  return null;
}

/** Builds the run of one conversation. */
export function buildChatRun(messages: readonly Message[], meta: ChatRunMeta, ctx: ExtractContext): ImportedRun {
  const run = new RunBuilder(ctx, { runKey: meta.runKey, name: `chat ${meta.label}`, agentName: "chat", serviceName: "chat-history", sourceRunId: meta.sourceRunId });
  const clock = new SyntheticClock(ctx.baseTimeMs);
  const agentSpans = new Map<string, string>();
  const agentSpan = (speaker: string): string => {
    let id = agentSpans.get(speaker);
    if (!id) {
      id = run.agent({ key: `speaker:${speaker}`, name: speaker, agentName: speaker });
      agentSpans.set(speaker, id);
    }
    return id;
  };
  const calls = new Map<string, PendingCall>();
  const system: string[] = [];
  let pendingInput: ChatMessage[] = [];
  let pendingIndexes: number[] = [];
  let task: string | null = null;
  let previousTs: number | null = null;
  let lastOutput: string | null = null;
  let lastTurn: Turn | null = null;
  let lastCodeTurn: Turn | null = null;
  let termination: string | null = meta.exitStatus;
  const humanEvents: SpanEvent[] = [];

  const addTool = (p: { i: number; ts: number | null; turn: Turn | null; speaker: string; name: string; callId: string | null; args: unknown; text: string; exitCode?: number | null; error: string | null; attributes?: Attributes; command?: string | null }): void => {
    run.tool({
      stepIndex: p.turn?.stepIndex ?? p.i + 1,
      sourceIndex: p.i,
      parentSpanId: p.turn?.agentSpanId ?? agentSpan(p.speaker),
      agentName: p.turn?.speaker ?? p.speaker,
      time: rangeFrom(clock, previousTs, p.ts, SYNTHETIC_TOOL_MS),
      name: p.name,
      callId: p.callId,
      arguments: p.args,
      result: p.text,
      exitCode: p.exitCode ?? null,
      error: p.error,
      command: p.command ?? null,
      attributes: { "onset.message.speaker": p.speaker, ...p.attributes },
    });
  };

  const proxies = openingProxies(messages.map((m) => ({ role: m.role, name: stringOrNull(m.name), text: contentText(m.content), hasToolCalls: toolCallsOf(m).length > 0 })));

  messages.forEach((message, position) => {
    const i = meta.sourceIndexes?.[position] ?? position;
    const ts = parseTimestamp(message.timestamp ?? message.created_at ?? message.time);
    const text = contentText(message.content);
    const name = stringOrNull(message.name);
    const speaker = speakerOf(message.role, name);
    const structuredCalls = toolCallsOf(message);
    // AG2 / AutoGen 0.2 console transcripts print calls and results as "***** … *****" blocks.
    const printedCalls = structuredCalls.length === 0 ? printedToolCalls(text) : null;
    const printedResponses = structuredCalls.length === 0 && (message.tool_responses ?? []).length === 0 ? printedToolResponses(text) : null;
    const toolCalls = printedCalls !== null ? printedCalls.calls : structuredCalls;
    const executor = parseExecutorOutput(text, isExecutorName(speaker.name));
    const classified = classifyMessage({
      role: message.role,
      name,
      hasToolCalls: toolCalls.length > 0,
      hasToolResponses: (message.tool_responses ?? []).length > 0 || printedResponses !== null,
      executorOutput: executor !== null,
    });
    const kind = isInjectedTask(text, position) || (classified === "agent" && proxies.has(speaker.name)) ? "human" : classified;

    if (kind === "system") {
      system.push(text);
    } else if (kind === "tool") {
      const responses: Record<string, unknown>[] = printedResponses !== null ? printedResponses.map((r): Record<string, unknown> => ({ ...r })) : (message.tool_responses ?? []).filter(isRecord);
      const results = responses.length > 0 ? responses : [message as Record<string, unknown>];
      for (const r of results) {
        const callId = stringOrNull(r.tool_call_id);
        const call = callId ? calls.get(callId) : undefined;
        const resultText = contentText(r.content);
        addTool({
          i,
          ts,
          turn: call?.turn ?? lastTurn,
          speaker: speaker.name,
          name: call?.name ?? stringOrNull(r.name) ?? name ?? "tool",
          callId,
          args: call?.arguments ?? null,
          text: resultText,
          error: toolResultError(r, resultText),
        });
      }
    } else if (kind === "executor") {
      const out = executor ?? { exitCode: null, error: null, noCode: false };
      const turn = lastCodeTurn ?? lastTurn;
      addTool({
        i,
        ts,
        turn,
        speaker: speaker.name,
        name: "code_executor",
        callId: null,
        args: turn?.code !== null && turn?.code !== undefined ? { language: turn.language ?? "", code: turn.code } : null,
        text,
        exitCode: out.exitCode,
        error: out.error,
        command: turn?.language && /^(sh|bash|shell|console|zsh)$/i.test(turn.language) ? turn.code : null,
        attributes: out.noCode ? { "onset.tool.no_code": true } : {},
      });
      // The code has run: a later output belongs to a later code block.
      if (!out.noCode) lastCodeTurn = null;
    } else if (kind === "agent") {
      const stepIndex = i + 1;
      const agentSpanId = agentSpan(speaker.name);
      // A browsing agent's report: its words are the decision, the page a tool result.
      const browsed = toolCalls.length === 0 ? splitBrowserObservation(text) : null;
      // A ReAct turn (CrewAI) carries its Action and, appended by the framework, the Observation.
      const react = toolCalls.length === 0 && browsed === null ? splitReActObservation(text) : null;
      const said = printedCalls !== null ? printedCalls.said : browsed !== null ? browsed.said : react !== null ? react.said : text;
      const requested: ToolCallRequest[] = react !== null ? [{ id: null, name: react.tool, arguments: react.arguments }] : toolCalls;
      const blocks = codeBlocks(said);
      const turn: Turn = {
        speaker: speaker.name,
        stepIndex,
        agentSpanId,
        code: blocks.length > 0 ? blocks.map((b) => b.code).join("\n\n") : null,
        language: blocks[0]?.language ?? null,
      };
      for (const tc of toolCalls) if (tc.id) calls.set(tc.id, { turn, name: tc.name, arguments: tc.arguments });
      const usage = isRecord(message.usage) ? message.usage : null;
      const attributes: Attributes = { "onset.message.speaker": speaker.name, "onset.message.role": message.role };
      if (speaker.kind !== null) attributes["onset.message.kind"] = speaker.kind;
      if (speaker.to !== null) attributes["onset.message.to"] = speaker.to;
      if (pendingIndexes.length > 0) attributes["onset.source.input_indices"] = pendingIndexes;
      run.llm({
        stepIndex,
        sourceIndex: i,
        parentSpanId: agentSpanId,
        agentName: speaker.name,
        time: rangeFrom(clock, previousTs, ts, SYNTHETIC_LLM_MS),
        model: typeof message.model === "string" ? splitModelName(message.model) : null,
        input: pendingInput.length > 0 ? pendingInput : null,
        output: [{ role: "assistant", content: said, name: speaker.name, toolCalls: requested }],
        usage: usage
          ? { input: numberOrNull(usage.prompt_tokens ?? usage.input_tokens), output: numberOrNull(usage.completion_tokens ?? usage.output_tokens) }
          : null,
        costUsd: numberOrNull(message.cost),
        attributes,
      });
      if (browsed !== null) {
        addTool({ i, ts, turn, speaker: speaker.name, name: browsed.tool, callId: null, args: browsed.said !== "" ? { action: browsed.said } : null, text: browsed.observed, error: browsed.error });
      }
      if (react !== null) {
        addTool({ i, ts, turn, speaker: speaker.name, name: react.tool, callId: null, args: react.arguments, text: react.observed, error: react.error });
      }
      if (speaker.kind === "termination condition") termination = text.trim() || termination;
      pendingInput = [];
      pendingIndexes = [];
      lastOutput = text || lastOutput;
      lastTurn = turn;
      if (turn.code !== null) lastCodeTurn = turn;
    } else {
      task ??= text;
      pendingInput.push({ role: "user", content: text, ...(name !== null ? { name } : {}) });
      pendingIndexes.push(i);
      // Human turns are no steps, but labels may point at them: the root keeps each one.
      humanEvents.push({
        name: "human.message",
        timeMs: ts ?? clock.now(),
        attributes: { "onset.source.index": i, "onset.message.speaker": speaker.name, message: text },
      });
    }
    // A message without a time hands the next one to the synthetic clock, which has
    // already moved past every span so far.
    previousTs = ts;
  });

  const attributes: Attributes = { "onset.chat.speakers": [...agentSpans.keys()], ...meta.attributes };
  if (system.length > 0) attributes["onset.chat.system"] = system.join("\n");
  return run.finish({
    input: task ? { kind: "text", text: task } : system.length > 0 ? { kind: "text", text: system.join("\n") } : null,
    output: lastOutput ? { kind: "text", text: lastOutput } : null,
    exitStatus: termination,
    // Magentic-One and AgentChat record why they stopped ("Max rounds (20) reached.",
    // "Maximum number of messages 10 reached"): a limit is a failure.
    verdict: firstVerdict(meta.verdict, verdictFromExitStatus(termination)),
    attributes,
    events: humanEvents,
  });
}

/**
 * A smolagents benchmark record (its memory as messages) re-emitted as the OTLP/JSON trace
 * openinference-instrumentation-smolagents sends for the same run, so the labelled real
 * smolagents runs also measure the OTLP path (span kinds, step containers, exception
 * events) and not only the importer:
 *
 *   <Agent>.run (AGENT, status ok, input {task}, output the answer)
 *     Step N (CHAIN, status ok; output.value = the observations; a step error is an
 *             `exception` event, as the instrumentation recorded it before it told expected
 *             errors apart)
 *       LiteLLMModel.__call__ (LLM: the memory so far as input messages, the step's output)
 *       <Tool> (TOOL) per call: a ToolCallingAgent's calls with their observation; a
 *             CodeAgent's tools called in its code, the observation on the only one (a
 *             step's printout cannot be split among several) and `final_answer` with its value.
 *
 * No span says whether the run failed: the verdict is the label's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentText, isStepRepr, parseJsonAllowingNaN, roleOf, stepsOfMemory, type SmolStep } from "@onset/importers";
import { decodeTraceRequestJson } from "@onset/otlp";
import { goldOf, readRealLabels, type EvalCase, type StepRef } from "./cases";

type Attr = { key: string; value: { stringValue: string } };
const str = (key: string, v: string): Attr => ({ key, value: { stringValue: v } });
const at = (ms: number) => String(BigInt(1_700_000_000_000 + ms) * 1_000_000n);
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** Tools a CodeAgent's code called, in order: `name(` for each name the run's calls or prompt list. */
function codeToolCalls(code: string, tools: readonly string[]): { name: string; args: string }[] {
  const out: { name: string; args: string }[] = [];
  const re = new RegExp(`\\b(${tools.map((t) => t.replace(/\W/g, "")).join("|")})\\(([^\\n]*)\\)`, "g");
  for (const m of code.matchAll(re)) out.push({ name: m[1]!, args: m[2]! });
  return out;
}

/** Tool names a smolagents system prompt lists ("- web_search: ..."). */
function promptTools(system: string): string[] {
  const names = new Set<string>(["final_answer"]);
  for (const m of system.matchAll(/^\s*-\s*([a-z_][a-z0-9_]*):/gm)) names.add(m[1]!);
  return [...names];
}

/** A memory message's role and text, read as the importer reads them. */
function messageText(m: unknown): { role: string; text: string } {
  return { role: roleOf(m), text: contentText((m as { content?: unknown } | null)?.content) };
}

/** A record re-emitted: the OTLP/JSON body and, per step (1-based number - 1), its LLM span's id. */
export interface OpenInferenceRun {
  body: unknown;
  agentName: string;
  llmSpanIds: string[];
}

/** The OTLP/JSON body of one smolagents record as the OpenInference instrumentation exports it. */
export function smolagentsOpenInference(record: Record<string, unknown>, traceId: string): OpenInferenceRun {
  const messages = Array.isArray(record.intermediate_steps) ? record.intermediate_steps : [];
  const { task, steps } = stepsOfMemory(messages);
  const texts = messages.map(messageText);
  const code = String(record.agent_action_type ?? "code") === "code";
  const tools = promptTools(texts.find((t) => t.role === "system")?.text ?? "");
  const answer = record.answer ?? record.prediction;
  const spans: object[] = [];
  const llmSpanIds: string[] = [];
  const agentName = code ? "CodeAgent" : "ToolCallingAgent";
  let next = 1;
  const root = hex(next++, 16);
  const end = steps.length * 100 + 50;
  spans.push({
    traceId, spanId: root, name: `${agentName}.run`, kind: 1, startTimeUnixNano: at(0), endTimeUnixNano: at(end),
    attributes: [str("openinference.span.kind", "AGENT"), str("input.value", JSON.stringify({ task: record.question ?? task, stream: false })), str("output.value", String(answer ?? ""))],
    status: { code: 1 },
  });
  steps.forEach((s: SmolStep, k) => {
    const t0 = 10 + k * 100;
    const stepId = hex(next++, 16);
    const observations = s.error === null ? (s.observation ?? "") : "";
    spans.push({
      traceId, spanId: stepId, parentSpanId: root, name: `Step ${k + 1}`, kind: 1, startTimeUnixNano: at(t0), endTimeUnixNano: at(t0 + 90),
      attributes: [str("openinference.span.kind", "CHAIN"), str("input.value", "{}"), ...(observations !== "" ? [str("output.value", observations)] : [])],
      events: s.error !== null ? [{ name: "exception", timeUnixNano: at(t0 + 89), attributes: [str("exception.type", s.calls.length === 0 ? "AgentParsingError" : "AgentExecutionError"), str("exception.message", s.error), str("exception.escaped", "False")] }] : [],
      status: { code: 1 },
    });
    const history = texts.slice(0, s.index);
    const llmId = hex(next++, 16);
    llmSpanIds.push(llmId);
    spans.push({
      traceId, spanId: llmId, parentSpanId: stepId, name: "LiteLLMModel.__call__", kind: 1, startTimeUnixNano: at(t0 + 1), endTimeUnixNano: at(t0 + 40),
      attributes: [
        str("openinference.span.kind", "LLM"), str("llm.model_name", String(record.model_id ?? "gpt-4o")),
        ...history.flatMap((m, i) => [str(`llm.input_messages.${i}.message.role`, m.role), str(`llm.input_messages.${i}.message.content`, m.text)]),
        str("llm.output_messages.0.message.role", "assistant"), str("llm.output_messages.0.message.content", s.output),
      ],
      status: { code: 1 },
    });
    const calls = code
      ? s.calls.flatMap((c) => codeToolCalls(typeof c.arguments === "string" ? c.arguments : "", tools)).map((c) => ({ name: c.name, input: { args: [c.args] }, finalValue: c.name === "final_answer" ? String(answer ?? "") : null }))
      : s.calls.map((c) => ({ name: c.name, input: { args: [], kwargs: c.arguments }, finalValue: c.name === "final_answer" ? String(answer ?? "") : null }));
    calls.forEach((c, j) => {
      const last = j === calls.length - 1;
      const output = c.finalValue ?? (last && (calls.length === 1 || !code) ? (s.observation ?? "") : "");
      // A ToolCallingAgent's failing tool raised inside its span; a CodeAgent's error may be its code's own.
      const failed = !code && last && s.error !== null;
      spans.push({
        traceId, spanId: hex(next++, 16), parentSpanId: stepId, name: c.name === "final_answer" ? "FinalAnswerTool" : c.name, kind: 1, startTimeUnixNano: at(t0 + 45 + j), endTimeUnixNano: at(t0 + 80),
        attributes: [str("openinference.span.kind", "TOOL"), str("tool.name", c.name), str("input.value", JSON.stringify(c.input)), str("output.value", output)],
        ...(failed ? { events: [{ name: "exception", timeUnixNano: at(t0 + 79), attributes: [str("exception.type", "AgentToolExecutionError"), str("exception.message", s.error!)] }] } : {}),
        status: failed ? { code: 2, message: s.error! } : { code: 1 },
      });
    });
  });
  const body = { resourceSpans: [{ resource: { attributes: [str("service.name", "smolagents")] }, scopeSpans: [{ scope: { name: "openinference.instrumentation.smolagents" }, spans }] }] };
  return { body, agentName, llmSpanIds };
}

/**
 * The labelled real smolagents runs re-sent through the OTLP decoder in their OpenInference
 * form: the same labels, step numbers pointed at each step's LLM span, the agent at the
 * run span's agent. Only records whose memory is stored as messages (the form this
 * re-emitter reads); the ids of the others are in `skipped`.
 */
export function loadSmolagentsOpenInference(evalDir: string): { cases: EvalCase[]; problems: string[]; skipped: string[] } {
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  readRealLabels(evalDir)
    .filter((l) => l.framework === "smolagents")
    .forEach((label, k) => {
      try {
        const record = parseJsonAllowingNaN(readFileSync(join(evalDir, "real", label.file), "utf8")) as Record<string, unknown>;
        // The first run_gaia.py outputs (January 2025) keep each memory step as its Python repr, not as messages.
        const memory = record.intermediate_steps;
        if (Array.isArray(memory) && memory.length > 0 && memory.every(isStepRepr)) {
          skipped.push(label.id);
          return;
        }
        const run = smolagentsOpenInference(record, hex(k + 1, 32));
        const decoded = decodeTraceRequestJson(JSON.stringify(run.body));
        if (decoded.rejected.length > 0) throw new Error(`rejected spans: ${decoded.rejected.map((r) => r.reason).join("; ")}`);
        const toSpan = (r: StepRef): StepRef => ("step" in r && run.llmSpanIds[r.step - 1] !== undefined ? { spanId: run.llmSpanIds[r.step - 1]! } : r);
        const gold = goldOf(label, toSpan);
        cases.push({ id: `${label.id} (OpenInference)`, dataset: "real", framework: "smolagents-openinference", split: label.split, spans: decoded.spans, outcome: label.outcome, gold: gold && { ...gold, agent: run.agentName } });
      } catch (err) {
        problems.push(`${label.id} (OpenInference): ${(err as Error).message}`);
      }
    });
  return { cases, problems, skipped };
}

/**
 * smolagents benchmark records: one JSON object per run, or JSON Lines of them, as
 * smolagents' examples/smolagents_benchmark/run.py and examples/open_deep_research/run_gaia.py
 * write them: {question, answer | prediction, true_answer, intermediate_steps,
 * agent_action_type?, model_id | agent_name, agent_error?, iteration_limit_exceeded?,
 * parsing_error?, is_correct?, task_id?, token_counts?, start_time?, end_time?}.
 * `intermediate_steps` is the agent's memory as messages (`write_memory_to_messages()`,
 * read by smolagents-messages.ts), or, in the first run_gaia.py outputs (January 2025),
 * the memory steps printed as Python reprs (`"ActionStep(…)"`, smolagents-repr-steps.ts).
 *
 * Per step: an llm span (the model's output and the calls it printed; a parse error fed
 * back without a call is the span's error) and a tool span per call (tool.name,
 * arguments, the step's observation as result, status error when smolagents fed back an
 * error). The verdict: `is_correct` when recorded, else `agent_error` or
 * `iteration_limit_exceeded` (failed), else the answer against `true_answer` by GAIA's
 * scorer (gaia-score.ts).
 */
import { z } from "zod";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { MalformedArtifactError } from "../errors";
import { verdictFromExpectedAnswer } from "../gaia-score";
import { numberOrNull, stringOrNull } from "../message-text";
import { splitModelName } from "../model-names";
import { RunBuilder } from "../run-builder";
import { SYNTHETIC_LLM_MS, SYNTHETIC_TOOL_MS, SyntheticClock, parseTimestamp } from "../timeline";
import type { Detection, ExtractContext, Extractor, ImportedRun } from "../types";
import { validateArtifact } from "../validate";
import { type Verdict, firstVerdict, verdictFromFields } from "../verdict";
import { type SmolMemory, roleOf, stepsOfMemory } from "./smolagents-messages";
import { isStepRepr, stepsOfReprs } from "./smolagents-repr-steps";

const FORMAT = "smolagents";
const MEMORY_ROLES = new Set(["system", "user", "assistant", "tool-call", "tool-response"]);

const recordSchema = z.looseObject({
  question: z.unknown().optional(),
  intermediate_steps: z.array(z.unknown()).nullable(),
  agent_error: z.string().nullable().optional(),
  iteration_limit_exceeded: z.boolean().nullable().optional(),
  true_answer: z.unknown().optional(),
  start_time: z.unknown().optional(),
  end_time: z.unknown().optional(),
});
type SmolRecord = z.infer<typeof recordSchema>;

/** The records of the artifact: one JSON object, or the objects of a JSON Lines file. */
function recordsOf(input: ArtifactInput): unknown[] | null {
  const json = input.json();
  if (json.ok) return isRecord(json.value) ? [json.value] : Array.isArray(json.value) ? json.value : null;
  const lines = input.jsonLinesStrict();
  return lines ? lines.records.map((r) => r.value) : null;
}

function isSmolRecord(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.intermediate_steps)) return false;
  const steps = value.intermediate_steps;
  return steps.length === 0 ? "question" in value : steps.every((m) => MEMORY_ROLES.has(roleOf(m))) || steps.every(isStepRepr);
}

/** The task and steps of a record's intermediate_steps, in either form. */
function memoryOf(items: readonly unknown[]): SmolMemory {
  return items.length > 0 && items.every(isStepRepr) ? stepsOfReprs(items) : stepsOfMemory(items);
}

function detect(input: ArtifactInput): Detection {
  const records = recordsOf(input);
  if (!records || records.length === 0) return { confidence: 0, reason: "not a JSON object or JSON Lines of objects" };
  const first = records[0];
  if (!isRecord(first) || !Array.isArray(first.intermediate_steps)) return { confidence: 0, reason: "no `intermediate_steps` list" };
  if (!records.every(isSmolRecord)) return { confidence: 0, reason: "`intermediate_steps` is not smolagents' memory as messages" };
  const withCalls = records.some(
    (r) => isRecord(r) && (r.intermediate_steps as unknown[]).some((m) => roleOf(m) === "tool-call" || roleOf(m) === "tool-response" || isStepRepr(m)),
  );
  return withCalls || "true_answer" in first || "agent_action_type" in first
    ? { confidence: 0.95, reason: "`intermediate_steps` of smolagents memory messages (tool-call / tool-response roles, true_answer)" }
    : { confidence: 0.6, reason: "`intermediate_steps` of role-tagged messages beside `question`" };
}

function verdictOf(record: SmolRecord, answer: unknown): Verdict | null {
  const agentError = stringOrNull(record.agent_error);
  return firstVerdict(
    verdictFromFields(record),
    agentError ? { outcome: "failed", reason: `agent_error ${agentError.split("\n", 1)[0]}` } : null,
    record.iteration_limit_exceeded === true ? { outcome: "failed", reason: "iteration_limit_exceeded true" } : null,
    verdictFromExpectedAnswer(answer, record.true_answer),
  );
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function extractRecord(raw: unknown, key: string, input: ArtifactInput, ctx: ExtractContext): ImportedRun {
  const record = validateArtifact(recordSchema, raw, input, FORMAT, key === "0" ? "" : `record ${key}`);
  const { task, steps } = memoryOf(record.intermediate_steps ?? []);
  const question = text(record.question) ?? task;
  const sourceId = stringOrNull(record.task_id) ?? stringOrNull(record.question_id);
  const agentName = stringOrNull(record.agent_action_type) ? `smolagents ${String(record.agent_action_type)} agent` : "smolagents agent";
  const model = splitModelName(record.model_id ?? record.agent_name);
  const run = new RunBuilder(ctx, {
    runKey: key,
    name: `smolagents ${sourceId ?? (question ?? "run").slice(0, 60)}`,
    agentName,
    serviceName: "smolagents",
    sourceRunId: sourceId,
    model,
  });
  // run_gaia.py records when the run started and ended, not when each step did: the steps
  // get the synthetic clock from the real start, and the run its real end.
  const started = parseTimestamp(record.start_time);
  const ended = parseTimestamp(record.end_time);
  const clock = new SyntheticClock(started ?? ctx.baseTimeMs);
  steps.forEach((step, i) => {
    const stepIndex = i + 1;
    const parseError = step.calls.length === 0 && step.error !== null;
    run.llm({
      stepIndex,
      sourceIndex: step.index,
      time: clock.next(SYNTHETIC_LLM_MS),
      input: i === 0 && task ? [{ role: "user", content: task }] : null,
      output: [
        {
          role: "assistant",
          content: step.output,
          toolCalls: step.calls.map((c) => ({ id: c.id, name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) })),
        },
      ],
      error: parseError ? step.error : null,
    });
    step.calls.forEach((call, k) => {
      // smolagents reports one observation for all of a step's calls: it goes with the last.
      const last = k === step.calls.length - 1;
      run.tool({
        stepIndex,
        sourceIndex: (last ? step.observationIndex : null) ?? step.callIndex ?? step.index,
        time: clock.next(SYNTHETIC_TOOL_MS),
        name: call.name,
        callId: call.id,
        // A CodeAgent's call carries its code as a bare string: kept as JSON {code} like every other tool's arguments.
        arguments: call.name === "python_interpreter" && typeof call.arguments === "string" ? { code: call.arguments } : call.arguments,
        result: last ? step.observation : null,
        error: last ? step.error : null,
        command: call.name === "python_interpreter" && typeof call.arguments === "string" ? call.arguments : null,
      });
    });
  });
  const answer = record.prediction !== undefined ? record.prediction : record.answer;
  const agentError = stringOrNull(record.agent_error);
  const tokens = isRecord(record.token_counts) ? record.token_counts : {};
  return run.finish({
    input: question ? { kind: "text", text: question } : null,
    output: text(answer) ? { kind: "text", text: text(answer)! } : null,
    error: agentError ?? (record.iteration_limit_exceeded === true ? "iteration limit exceeded" : null),
    time: started !== null && ended !== null && ended >= clock.now() ? { startTimeMs: started, endTimeMs: ended } : undefined,
    verdict: verdictOf(record, answer),
    usage: {
      input: numberOrNull(tokens.input_tokens) ?? numberOrNull(tokens.input),
      output: numberOrNull(tokens.output_tokens) ?? numberOrNull(tokens.output),
    },
    // The expected answer stays out of the spans: it is the benchmark's key, not something the agent saw.
    attributes: stringOrNull(record.source) ? { "onset.source.benchmark": String(record.source) } : {},
  });
}

function extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[] {
  const records = recordsOf(input);
  if (!records) throw new MalformedArtifactError(input.fileName, FORMAT, "not a JSON object or JSON Lines of objects");
  return records.map((r, k) => extractRecord(r, String(k), input, ctx));
}

/** smolagents benchmark / GAIA record extractor (memory as messages in `intermediate_steps`). */
export const smolagentsExtractor: Extractor = {
  format: FORMAT,
  description: "smolagents benchmark / run_gaia.py records: JSON or JSON Lines with intermediate_steps (memory as messages)",
  detect,
  extract,
};

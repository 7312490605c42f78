/**
 * OpenHands trajectories and event streams (openhands/events/serialization/event.py,
 * event_to_dict / event_to_trajectory). Accepted containers:
 *   - a trajectory export: JSON array of events;
 *   - an evaluation output.jsonl: one JSON object per line with `instance_id`,
 *     `history` (events, or [action, observation] pairs in pre-0.10 releases),
 *     `metadata.llm_config.model`, `test_result.git_patch`, `error` — one run per line;
 *     the same object alone in a .json file;
 *   - an event stream dumped one event per line.
 * Events: {id, timestamp, source: agent|user|environment, message, cause?,
 * action + args | observation + content + extras, tool_call_metadata?, llm_metrics?}.
 * The conversion of the events themselves lives in openhands-events.ts.
 */
import { z } from "zod";
import { type ArtifactInput, isRecord } from "../artifact-input";
import { MalformedArtifactError } from "../errors";
import type { Detection, ExtractContext, Extractor, ImportedRun } from "../types";
import { validateArtifact } from "../validate";
import { verdictFromFields } from "../verdict";
import { type OpenHandsEvent, type OpenHandsRunSource, buildOpenHandsRun } from "./openhands-events";

const FORMAT = "openhands";

const eventSchema = z
  .looseObject({
    id: z.number().nullable().optional(),
    timestamp: z.string().nullable().optional(),
    source: z.string().nullable().optional(),
    message: z.string().nullable().optional(),
    cause: z.number().nullable().optional(),
    action: z.string().optional(),
    args: z.record(z.string(), z.unknown()).nullable().optional(),
    observation: z.string().optional(),
    content: z.unknown().optional(),
    extras: z.record(z.string(), z.unknown()).nullable().optional(),
    tool_call_metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    llm_metrics: z.record(z.string(), z.unknown()).nullable().optional(),
    success: z.boolean().nullable().optional(),
  })
  .refine((e) => typeof e.action === "string" || typeof e.observation === "string", {
    message: "an event needs an `action` or an `observation`",
  });

const historySchema = z.array(z.union([eventSchema, z.tuple([eventSchema, eventSchema])]));

const runSchema = z.looseObject({
  instance_id: z.string().optional(),
  instruction: z.string().nullable().optional(),
  history: historySchema,
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  test_result: z.record(z.string(), z.unknown()).nullable().optional(),
  error: z.string().nullable().optional(),
});

function isEvent(v: unknown): boolean {
  return (
    isRecord(v) &&
    (typeof v.action === "string" || typeof v.observation === "string") &&
    ("source" in v || "id" in v || "args" in v || "extras" in v)
  );
}

function isHistoryEntry(v: unknown): boolean {
  return isEvent(v) || (Array.isArray(v) && v.length === 2 && isEvent(v[0]));
}

function looksLikeHistory(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.slice(0, 5).every(isHistoryEntry);
}

function detect(input: ArtifactInput): Detection {
  const parsed = input.json();
  if (parsed.ok) {
    const doc = parsed.value;
    if (looksLikeHistory(doc)) return { confidence: 0.95, reason: "JSON array of action/observation events" };
    if (isRecord(doc) && looksLikeHistory(doc.history)) {
      return { confidence: 0.95, reason: "`history` of action/observation events (output.jsonl record)" };
    }
    return { confidence: 0, reason: "no array of events with `action`/`observation` and `source`/`id`" };
  }
  const lines = input.jsonLinesStrict();
  if (!lines) return { confidence: 0, reason: "neither JSON nor JSON Lines" };
  const first = lines.records[0]?.value;
  if (isRecord(first) && looksLikeHistory(first.history)) {
    return { confidence: 0.95, reason: "JSON Lines of records with an event `history` (output.jsonl)" };
  }
  if (lines.records.slice(0, 5).every((r) => isEvent(r.value))) {
    return { confidence: 0.9, reason: "JSON Lines of action/observation events" };
  }
  return { confidence: 0, reason: "JSON Lines, but not of OpenHands events or output records" };
}

function flatten(history: z.infer<typeof historySchema>): OpenHandsEvent[] {
  return history.flatMap((entry) => (Array.isArray(entry) ? entry : [entry])) as OpenHandsEvent[];
}

function fromRecord(record: z.infer<typeof runSchema>, runKey: string): OpenHandsRunSource {
  const metadata = record.metadata ?? {};
  const llmConfig = isRecord(metadata.llm_config) ? metadata.llm_config : {};
  const patch = record.test_result?.git_patch;
  return {
    runKey: record.instance_id ?? runKey,
    instanceId: record.instance_id ?? null,
    instruction: record.instruction ?? null,
    events: flatten(record.history),
    model: typeof llmConfig.model === "string" ? llmConfig.model : null,
    agentClass: typeof metadata.agent_class === "string" ? metadata.agent_class : null,
    patch: typeof patch === "string" && patch !== "" ? patch : null,
    error: record.error ?? null,
    // SWE-bench evaluation output: test_result.report.resolved (or report.resolved);
    // other benchmarks put success / reward flags in test_result.
    verdict: verdictFromFields(record, ["report", "test_result"]),
  };
}

function bareRun(events: OpenHandsEvent[]): OpenHandsRunSource {
  return { runKey: "0", instanceId: null, instruction: null, events, model: null, agentClass: null, patch: null, error: null, verdict: null };
}

function sources(input: ArtifactInput): OpenHandsRunSource[] {
  const parsed = input.json();
  if (parsed.ok) {
    if (Array.isArray(parsed.value)) return [bareRun(flatten(validateArtifact(historySchema, parsed.value, input, FORMAT)))];
    return [fromRecord(validateArtifact(runSchema, parsed.value, input, FORMAT), "0")];
  }
  const lines = input.jsonLinesStrict();
  if (!lines) throw new MalformedArtifactError(input.fileName, FORMAT, `not valid JSON or JSON Lines (${parsed.error})`);
  const first = lines.records[0]?.value;
  if (isRecord(first) && "history" in first) {
    return lines.records.map((r) =>
      fromRecord(validateArtifact(runSchema, r.value, input, FORMAT, `line ${r.line}`), `line-${r.line}`),
    );
  }
  return [bareRun(lines.records.map((r) => validateArtifact(eventSchema, r.value, input, FORMAT, `line ${r.line}`) as OpenHandsEvent))];
}

function extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[] {
  return sources(input).map((source) => buildOpenHandsRun(source, input, ctx));
}

/** OpenHands trajectory / output.jsonl / event stream extractor. */
export const openHandsExtractor: Extractor = {
  format: FORMAT,
  description: "OpenHands event trajectories and evaluation output.jsonl (action/observation events, one run per record)",
  detect,
  extract,
};

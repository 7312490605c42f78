/**
 * Plain result objects from the internal step models (drops span positions and full
 * outputs; commands and errors clipped for the wire).
 */
import type { AgentSummary, StageSummary, StepSummary } from "../schema/step-schema";
import { roundUsd } from "../spans/token-sums";
import { clip } from "../spans/text-hash";
import type { SpanIndex } from "../tree/span-index";
import type { ActionModel, AgentModel, StepModel } from "./step-model";

/** Every span id of a step: decision, retries, actions, extras. */
export function stepSpanIds(index: SpanIndex, step: StepModel): string[] {
  const ids: string[] = [];
  if (step.llm >= 0) ids.push(index.spans[step.llm]!.spanId);
  for (const r of step.retries) if (r !== step.llm) ids.push(index.spans[r]!.spanId);
  for (const a of step.actionSpans) ids.push(index.spans[a]!.spanId);
  for (const e of step.extras) ids.push(index.spans[e]!.spanId);
  // A container span read as the step's observation (step-containers.ts) is the step's too.
  for (const a of step.actions) if (!ids.includes(a.spanId)) ids.push(a.spanId);
  return ids;
}

function summarizeAction(a: ActionModel): StepSummary["actions"][number] {
  return {
    spanId: a.spanId,
    tool: a.tool,
    kind: a.kind,
    command: a.command === null ? null : clip(a.command, 300),
    // Copies: actions may share cached arrays; results never alias each other.
    readPaths: [...a.readPaths],
    writePaths: [...a.writePaths],
    exitCode: a.exitCode,
    ok: a.ok,
    error: a.error,
    check: a.check === null ? null : { ...a.check },
    backtrackPaths: a.backtrackPaths === null ? null : [...a.backtrackPaths],
    editLines: a.editLines,
  };
}

/** The wire form of one step, with its state transition. */
export function summarizeStep(index: SpanIndex, step: StepModel): StepSummary {
  const written = new Set<string>();
  const read = new Set<string>();
  for (const a of step.actions) {
    if (a.kind === "change" && a.ok) for (const p of a.writePaths) written.add(p);
    for (const p of a.readPaths) read.add(p);
  }
  return {
    id: step.id,
    index: step.index,
    sourceIndex: step.sourceIndex,
    agentId: step.agentId,
    agentName: step.agentName,
    stageIndex: step.stageIndex,
    llmSpanId: step.llm >= 0 ? index.spans[step.llm]!.spanId : null,
    spanIds: stepSpanIds(index, step),
    role: step.role,
    startTimeMs: step.startTimeMs,
    endTimeMs: step.endTimeMs,
    actions: step.actions.map(summarizeAction),
    transition: {
      filesWritten: [...written],
      filesRead: [...read],
      commands: step.actions.filter((a) => a.command !== null).map((a) => ({ spanId: a.spanId, command: clip(a.command!, 300), exitCode: a.exitCode })),
      checks: step.actions.filter((a) => a.check !== null).map((a) => ({ spanId: a.spanId, ...a.check! })),
      errors: step.actions.filter((a) => a.error !== null).map((a) => ({ spanId: a.spanId, ...a.error! })),
    },
    tokens: { ...step.tokens },
    costUsd: roundUsd(step.costUsd),
  };
}

/** The wire form of the agents. */
export function summarizeAgents(agents: AgentModel[], stages: StageSummary[]): AgentSummary[] {
  const stagesOf = new Map<string, number[]>();
  for (const s of stages) {
    const list = stagesOf.get(s.agentId) ?? [];
    list.push(s.index);
    stagesOf.set(s.agentId, list);
  }
  return agents.map((a) => ({
    id: a.id,
    name: a.name,
    spanId: a.spanId,
    parentAgentId: a.parentId,
    stageIndexes: stagesOf.get(a.id) ?? [],
    stepIds: a.steps.map((s) => s.id),
  }));
}

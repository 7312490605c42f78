/**
 * The run page's part of an analysis (what apps/web `/diagnosis` sends): stored beside
 * the whole result as JSON text when an analysis is stored, and sent from a result just
 * computed.
 */
import type { RunAnalysis, StageSummary, StepSummary } from "@onset/analysis";

/**
 * A step as the run page reads it: its tree grouping (id, index, role, stage, LLM call,
 * spans) and, of each action, what its row label, the banner's quote and the grouping
 * read (span, tool, kind, ok, check). Commands, paths, exit codes, error texts and edit
 * sizes stay in the stored analysis (`/analysis`); the span detail reads a span's own.
 */
export type PageStep = Pick<StepSummary, "id" | "index" | "role" | "stageIndex" | "llmSpanId" | "spanIds"> & {
  actions: Pick<StepSummary["actions"][number], "spanId" | "tool" | "kind" | "ok" | "check">[];
};

/** A step trimmed to what the run page reads (see {@link PageStep}). */
export function pageStep(s: StepSummary): PageStep {
  return {
    id: s.id,
    index: s.index,
    role: s.role,
    stageIndex: s.stageIndex,
    llmSpanId: s.llmSpanId,
    spanIds: s.spanIds,
    actions: s.actions.map((a) => ({ spanId: a.spanId, tool: a.tool, kind: a.kind, ok: a.ok, check: a.check })),
  };
}

/** A stage as the run page reads it: what the tree groups by (its step ids are in the steps). */
export type PageStage = Pick<StageSummary, "index" | "agentId" | "kind" | "backtrack">;

/**
 * The analysis without the span tree (the outline has it) and the cost breakdown (the
 * Cost tab reads it), each step as {@link PageStep} and each stage as {@link PageStage}:
 * 1.6 MB of JSON instead of 3.3 MB for the 10,000-span benchmark run.
 */
export function diagnosisPart(analysis: RunAnalysis) {
  const { tree: _tree, breakdown: _breakdown, ...rest } = analysis;
  return {
    ...rest,
    stages: rest.stages.map((s): PageStage => ({ index: s.index, agentId: s.agentId, kind: s.kind, backtrack: s.backtrack })),
    steps: rest.steps.map(pageStep),
  };
}

/** What {@link diagnosisPart} gives. */
export type DiagnosisPart = ReturnType<typeof diagnosisPart>;

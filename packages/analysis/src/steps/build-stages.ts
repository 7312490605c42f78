/**
 * Stages by docs/spec/failure-onset.md's rule: a step that changes state becomes a child of the
 * previous state (opens a new stage); an exploring step stays inside the current one.
 * A change only counts when it succeeded (a rejected edit changed nothing). Stages are
 * numbered across the run; each agent's chain of states starts with an initial stage.
 */
import type { StageSummary } from "../schema/step-schema";
import type { AgentModel } from "./step-model";

/** Builds the stages of every agent and writes each step's stageIndex. */
export function buildStages(agents: AgentModel[]): StageSummary[] {
  const stages: StageSummary[] = [];
  for (const agent of agents) {
    let current: StageSummary | null = null;
    for (const step of agent.steps) {
      const opensState = step.actions.some((a) => a.kind === "change" && a.ok);
      if (current === null || opensState) {
        const next: StageSummary = {
          index: stages.length,
          agentId: agent.id,
          kind: current === null && !opensState ? "initial" : "change",
          parentIndex: current?.index ?? null,
          headStepId: opensState ? step.id : null,
          stepIds: [],
          changeCount: 0,
          exploreCount: 0,
          verifyCount: 0,
          explorationRatio: 0,
          backtrack: opensState && step.actions.some((a) => a.backtrackPaths !== null && a.ok),
        };
        stages.push(next);
        current = next;
      }
      current.stepIds.push(step.id);
      step.stageIndex = current.index;
      if (step.role === "change") current.changeCount++;
      else if (step.role === "verify") current.verifyCount++;
      else if (step.role === "explore") current.exploreCount++;
    }
  }
  for (const s of stages) s.explorationRatio = s.stepIds.length === 0 ? 0 : (s.exploreCount + s.verifyCount) / s.stepIds.length;
  return stages;
}

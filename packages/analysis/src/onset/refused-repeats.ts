/**
 * Calls a tool refused because they repeated a call that had already succeeded: CrewAI's
 * "I tried reusing the same input, I must stop using this action input", or any tool that
 * errs on an exact repeat. The agent already had what it asked for, so the error lost
 * nothing: it is redundancy, not a failure the run has to recover from.
 */
import { OBSERVATION_TOOL } from "../steps/step-containers";
import type { ActionModel, StepModel } from "../steps/step-model";

/** The failed actions whose exact call (tool and arguments) had succeeded before in the same agent (step observations aside). */
export function refusedRepeats(steps: readonly StepModel[]): Set<ActionModel> {
  const succeeded = new Set<string>();
  const out = new Set<ActionModel>();
  for (const s of steps) {
    for (const a of s.actions) {
      // A step container's observation is no call: every step of a code agent has one.
      if (a.tool === OBSERVATION_TOOL) continue;
      const key = `${s.agentId}\u0000${a.signature}`;
      if (a.ok) succeeded.add(key);
      else if (a.error !== null && succeeded.has(key)) out.add(a);
    }
  }
  return out;
}

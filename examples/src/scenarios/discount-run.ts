import { defineAgent, routeTo } from "../workflow/agent-definition";
import type { WorkflowSpec } from "../workflow/workflow";
import { DISCOUNT_PROMPT, DISCOUNT_TASK_ID, discountWorkspace } from "../tasks/discount-task";
import { sessionFor, type ScenarioContext } from "./scenario";

/**
 * What the `success` and `failure` scenarios share, being two runs of one task: the
 * discount task with its prompt and a fresh workspace, the scenario's session, the user
 * (`defaultUserId` unless the options name one) and a planner that hands the task to the
 * coder. Each scenario adds its own specialists and reviewer.
 */
export function discountRun(ctx: ScenarioContext, seed: string, defaultUserId: string): Omit<WorkflowSpec, "specialists" | "reviewer"> {
  return {
    taskId: DISCOUNT_TASK_ID,
    prompt: DISCOUNT_PROMPT,
    sessionId: sessionFor(ctx, seed),
    userId: ctx.options.userId ?? defaultUserId,
    workspace: discountWorkspace(),
    planner: defineAgent("planner", "gpt-4o-mini", [{ text: routeTo("coder", "Locate the discount logic in pricing/, fix it, run the tests.") }], seed),
  };
}

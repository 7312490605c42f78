import { defineAgent, scriptedCall } from "../workflow/agent-definition";
import { runWorkflow } from "../workflow/workflow";
import type { ToolName } from "../tools/toolkit";
import { DISCOUNT_BUG } from "../tasks/discount-task";
import { summarizeRun, type SuccessExpectations } from "./expectations";
import { discountRun } from "./discount-run";
import type { ScenarioContext, ScenarioDefinition } from "./scenario";

/**
 * `success`: the coder finds the bug in pricing/discount.py, fixes it, the tests
 * pass, the reviewer approves. Same task id as `failure`, so the two are diff
 * candidates of each other.
 *
 *   invoke_workflow fix-discount-calculation                                  ok
 *   ├─ invoke_agent planner ── chat gpt-4o-mini → {"next_agent":"coder"}
 *   ├─ invoke_agent coder
 *   │   ├─ chat claude-sonnet-4-5 → search "discount"           step 2
 *   │   ├─ chat → read_file pricing/discount.py                 step 3
 *   │   ├─ chat → edit_file pricing/discount.py (the fix)       step 4
 *   │   ├─ chat → run_tests  → 4 passed, exit 0                 step 5
 *   │   ├─ chat → shell "git diff --stat", exit 0               step 6
 *   │   └─ chat → final answer                                  step 7
 *   └─ invoke_agent reviewer
 *       ├─ chat gpt-4o-mini → run_tests → 4 passed, exit 0      step 8
 *       └─ chat → "APPROVED: …"                                 step 9
 *
 * Expected diagnosis: no onset, no loop, no failed tool call.
 */

const CODER = "claude-sonnet-4-5";
const SMALL = "gpt-4o-mini";

/** The final answer of the successful run. */
export const SUCCESS_ANSWER =
  "Fixed apply_discount in pricing/discount.py: orders over $100 now get 10% off (round(total * (1 - DISCOUNT_RATE), 2)). All 4 tests pass.";

async function run(ctx: ScenarioContext): Promise<SuccessExpectations> {
  const seed = "success";
  const call = (label: string, name: ToolName, args: Record<string, unknown>) =>
    scriptedCall(CODER, `${seed}/${label}`, name, args);
  const record = await runWorkflow(ctx, {
    ...discountRun(ctx, seed, "user-alice"),
    specialists: {
      coder: defineAgent(
        "coder",
        CODER,
        [
          { text: "Let me find where the discount is computed.", toolCalls: [call("search", "search", { query: "discount", path: "pricing" })] },
          { text: "apply_discount in pricing/discount.py is responsible; reading it.", toolCalls: [call("read", "read_file", { path: DISCOUNT_BUG.path })] },
          {
            text: "The branch over the threshold returns the total unchanged. Applying DISCOUNT_RATE there.",
            toolCalls: [call("edit", "edit_file", { path: DISCOUNT_BUG.path, old_string: DISCOUNT_BUG.old, new_string: DISCOUNT_BUG.new })],
          },
          { text: "Running the tests.", toolCalls: [call("test", "run_tests", {})] },
          { text: "All tests pass; checking the diff.", toolCalls: [call("diff", "shell", { command: "git diff --stat" })] },
          { text: SUCCESS_ANSWER },
        ],
        seed,
      ),
    },
    reviewer: defineAgent(
      "reviewer",
      SMALL,
      [
        { toolCalls: [scriptedCall(SMALL, `${seed}/review-test`, "run_tests", {})] },
        { text: "APPROVED: the fix is in apply_discount and all 4 tests pass." },
      ],
      seed,
    ),
  });
  return { scenario: "success", runs: [summarizeRun(record)], onset: null };
}

/** The `success` scenario. */
export const successScenario: ScenarioDefinition = {
  name: "success",
  summary: "planner → coder fixes the discount bug, tests pass → reviewer approves",
  run,
};

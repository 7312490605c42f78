import { defineAgent, scriptedCall } from "../workflow/agent-definition";
import { runWorkflow } from "../workflow/workflow";
import type { ToolName } from "../tools/toolkit";
import { TAX_WRONG_EDIT } from "../tasks/discount-task";
import { stepRef, summarizeRun, type FailureExpectations } from "./expectations";
import { discountRun } from "./discount-run";
import type { ScenarioContext, ScenarioDefinition } from "./scenario";

/**
 * `failure`: the coder edits the wrong function. Searching for "discount" turns up
 * the docstring of pricing/tax.py, the coder reads that file and puts the 10% off
 * inside apply_tax (every order, wrong function). The next run_tests exposes it;
 * the coder then "fixes" a test to match the broken behaviour, the tests still
 * fail, the reviewer's run fails too, and the run ends in ReviewRejectedError.
 *
 *   invoke_workflow fix-discount-calculation                                  ERROR
 *   ├─ invoke_agent planner ── chat gpt-4o-mini → {"next_agent":"coder"}     step 1
 *   ├─ invoke_agent coder
 *   │   ├─ chat → search "discount"                                          step 2
 *   │   ├─ chat → read_file pricing/tax.py          (wrong file)             step 3
 *   │   ├─ chat → edit_file pricing/tax.py  ◀── ONSET: discount in apply_tax step 4
 *   │   ├─ chat → run_tests  → 3 failed, exit 1  ◀── exposed               step 5 ┐
 *   │   ├─ chat → edit_file tests/test_tax.py (108.0 → 97.2)  incorrect      step 6 │ downstream
 *   │   ├─ chat → run_tests  → 2 failed, exit 1                              step 7 │
 *   │   └─ chat → "…still fail; they look unrelated"                         step 8 │
 *   └─ invoke_agent reviewer                                                       │
 *       ├─ chat → run_tests → 2 failed, exit 1                               step 9 ┘
 *       └─ chat → "REJECTED: …"                                              step 10
 *
 * Expected diagnosis: onset = the edit_file of pricing/tax.py (step 4); exposed by
 * the run_tests of step 5 (first failing check; nothing failed before the edit);
 * downstream chain = steps 5, 6, 7 and the reviewer's run_tests; incorrect steps =
 * 4 and 6. The last step is not the onset and neither is the first nonzero exit.
 */

const CODER = "claude-sonnet-4-5";
const SMALL = "gpt-4o-mini";

/** The failure run's tool calls, by role in the story (ids derive from the labels). */
function failureCalls() {
  const coder = (label: string, name: ToolName, args: Record<string, unknown>) => scriptedCall(CODER, `failure/${label}`, name, args);
  return {
    search: coder("search", "search", { query: "discount", path: "pricing" }),
    readTax: coder("read-tax", "read_file", { path: "pricing/tax.py" }),
    wrongEdit: coder("edit-tax", "edit_file", { path: TAX_WRONG_EDIT.path, old_string: TAX_WRONG_EDIT.old, new_string: TAX_WRONG_EDIT.new }),
    firstTest: coder("test-1", "run_tests", {}),
    testTamper: coder("edit-test", "edit_file", {
      path: "tests/test_tax.py",
      old_string: "assert apply_tax(100.0) == 108.0",
      new_string: "assert apply_tax(100.0) == 97.2",
    }),
    secondTest: coder("test-2", "run_tests", {}),
    reviewTest: scriptedCall(SMALL, "failure/review-test", "run_tests", {}),
  };
}

async function run(ctx: ScenarioContext): Promise<FailureExpectations> {
  const seed = "failure";
  const c = failureCalls();
  const record = await runWorkflow(ctx, {
    ...discountRun(ctx, seed, "user-bob"),
    specialists: {
      coder: defineAgent(
        "coder",
        CODER,
        [
          { text: "Let me find where the discount is computed.", toolCalls: [c.search] },
          { text: "pricing/tax.py mentions the discount; reading it.", toolCalls: [c.readTax] },
          { text: "The discount never reaches the taxed amount. I'll apply the 10% inside apply_tax.", toolCalls: [c.wrongEdit] },
          { text: "Running the tests.", toolCalls: [c.firstTest] },
          { text: "test_adds_vat still expects the undiscounted amount; updating it to match the new behaviour.", toolCalls: [c.testTamper] },
          { text: "Re-running the tests.", toolCalls: [c.secondTest] },
          {
            text: "Applied the 10% discount in apply_tax and updated test_adds_vat. test_zero_rate and test_small_order_total still fail; they look unrelated to the discount.",
          },
        ],
        seed,
      ),
    },
    reviewer: defineAgent(
      "reviewer",
      SMALL,
      [
        { toolCalls: [c.reviewTest] },
        {
          text: "REJECTED: 2 tests fail. apply_tax now takes 10% off every order, including orders under $100 and zero-rate ones, and a test was edited to match. The discount belongs in apply_discount.",
        },
      ],
      seed,
    ),
  });
  const ref = (call: { id: string }) => stepRef(record, call.id);
  return {
    scenario: "failure",
    runs: [summarizeRun(record)],
    onset: ref(c.wrongEdit),
    incorrect: [ref(c.wrongEdit), ref(c.testTamper)],
    downstream: [ref(c.firstTest), ref(c.testTamper), ref(c.secondTest), ref(c.reviewTest)],
    exposedBy: ref(c.firstTest),
  };
}

/** The `failure` scenario. */
export const failureScenario: ScenarioDefinition = {
  name: "failure",
  summary: "coder edits the wrong function; run_tests exposes it; tests tampered; reviewer rejects (error)",
  run,
};

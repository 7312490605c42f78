import type { AgentMessage } from "../model/agent-message";
import type { ScriptedTurn } from "../model/scripted-model";
import type { ToolName } from "../tools/toolkit";
import { RETRY_CONTAMINATION, RETRY_EDITS, RETRY_PROMPT, RETRY_TASK_ID, retryWorkspace } from "../tasks/retry-task";
import type { RunRecord } from "../telemetry/run-record";
import { defineAgent, routeTo, scriptedCall, type AgentDefinition } from "../workflow/agent-definition";
import { runWorkflow } from "../workflow/workflow";
import { summarizeRun, type ContaminatedPairExpectations } from "./expectations";
import { sessionFor, type ScenarioContext, type ScenarioDefinition } from "./scenario";

/**
 * `contaminated-pair`: two runs of task add-invoice-retry. The perturbed one has a
 * chat-thread paste appended to its input that reframes the code change as a
 * question; the planner (whose scripted turn reads its input) routes to the
 * researcher instead of the coder. Both runs have the same number of agent, LLM and
 * tool events, so the diff sees a reroute, not an extended or truncated run.
 *
 *   clean (ok)                                   perturbed (ok)
 *   invoke_workflow add-invoice-retry            invoke_workflow add-invoice-retry
 *   ├─ planner → {"next_agent":"coder"}          ├─ planner → {"next_agent":"researcher"}
 *   ├─ coder            ◀──── first divergence ──▶├─ researcher   (route:coder ≠ route:researcher)
 *   │   read_file billing/client.py              │   read_file docs/retries.md
 *   │   read_file billing/retry.py               │   search "with_backoff"
 *   │   edit_file (import)                       │   read_file billing/retry.py
 *   │   edit_file (@with_backoff)                │   search "fetch_invoice"
 *   │   run_tests → 2 passed                     │   read_file billing/client.py
 *   │   final: "fetch_invoice now retries…"      │   final: "The documented policy…" (no code change)
 *   └─ reviewer: run_tests → APPROVED            └─ reviewer: shell git diff --stat → APPROVED
 *
 * Expected diff: first divergence at the second agent span (different_agent_routed),
 * 1 reroute, answer changed, classification strategy_reroute (docs/spec/run-diff.md §5,
 * rule 5: not extended, not shortened, structure differs, agent rerouted).
 */

const CODER = "claude-sonnet-4-5";
const RESEARCHER = "gpt-4o";
const SMALL = "gpt-4o-mini";

/** Final answer of the clean run. */
export const PAIR_CLEAN_ANSWER =
  "fetch_invoice now retries HTTP 5xx up to 3 times with exponential backoff via @with_backoff(max_attempts=3) from billing/retry.py. Both tests pass.";

/** Final answer of the perturbed run. */
export const PAIR_PERTURBED_ANSWER =
  "The documented policy (docs/retries.md): retry idempotent GETs on HTTP 5xx, up to 3 attempts, backing off 0.5s, 1s, 2s with billing.retry.with_backoff; never retry POSTs. fetch_invoice does not use it yet.";

/** The planner routes on its input: the pasted question makes it pick the researcher. */
function plannerTurn(messages: readonly AgentMessage[]): ScriptedTurn {
  const input = messages[0]?.role === "user" ? messages[0].content : "";
  return input.includes("#billing-oncall")
    ? { text: routeTo("researcher", "Explain the documented retry policy from docs/retries.md.") }
    : { text: routeTo("coder", "Wrap fetch_invoice with billing.retry.with_backoff and run the tests.") };
}

function coder(label: string): AgentDefinition {
  const call = (l: string, name: ToolName, args: Record<string, unknown>) => scriptedCall(CODER, `${label}/${l}`, name, args);
  return defineAgent(
    "coder",
    CODER,
    [
      { text: "Reading the client.", toolCalls: [call("read-client", "read_file", { path: "billing/client.py" })] },
      { text: "Checking the backoff helper's signature.", toolCalls: [call("read-retry", "read_file", { path: "billing/retry.py" })] },
      {
        text: "Importing the helper.",
        toolCalls: [call("edit-import", "edit_file", { path: "billing/client.py", old_string: RETRY_EDITS.import.old, new_string: RETRY_EDITS.import.new })],
      },
      {
        text: "Decorating fetch_invoice.",
        toolCalls: [call("edit-decorator", "edit_file", { path: "billing/client.py", old_string: RETRY_EDITS.decorator.old, new_string: RETRY_EDITS.decorator.new })],
      },
      { text: "Running the client tests.", toolCalls: [call("test", "run_tests", { path: "tests/test_client.py" })] },
      { text: PAIR_CLEAN_ANSWER },
    ],
    label,
  );
}

function researcher(label: string): AgentDefinition {
  const call = (l: string, name: ToolName, args: Record<string, unknown>) => scriptedCall(RESEARCHER, `${label}/${l}`, name, args);
  return defineAgent(
    "researcher",
    RESEARCHER,
    [
      { text: "The thread points at docs/retries.md.", toolCalls: [call("read-doc", "read_file", { path: "docs/retries.md" })] },
      { text: "Finding the helper the doc names.", toolCalls: [call("search-helper", "search", { query: "with_backoff" })] },
      { text: "Reading the helper.", toolCalls: [call("read-retry", "read_file", { path: "billing/retry.py" })] },
      { text: "Checking whether fetch_invoice uses it.", toolCalls: [call("search-fetch", "search", { query: "fetch_invoice" })] },
      { text: "Reading the client.", toolCalls: [call("read-client", "read_file", { path: "billing/client.py" })] },
      { text: PAIR_PERTURBED_ANSWER },
    ],
    label,
  );
}

async function runOne(ctx: ScenarioContext, label: "clean" | "perturbed"): Promise<RunRecord> {
  const seed = `pair-${label}`;
  const perturbed = label === "perturbed";
  return runWorkflow(ctx, {
    taskId: RETRY_TASK_ID,
    prompt: perturbed ? RETRY_PROMPT + RETRY_CONTAMINATION : RETRY_PROMPT,
    sessionId: sessionFor(ctx, seed),
    userId: ctx.options.userId ?? "user-erin",
    workspace: retryWorkspace(),
    planner: defineAgent("planner", SMALL, [plannerTurn], seed),
    // Both specialists exist in both runs: only the planner's decision differs.
    specialists: { coder: coder(seed), researcher: researcher(seed) },
    reviewer: defineAgent(
      "reviewer",
      SMALL,
      perturbed
        ? [
            { toolCalls: [scriptedCall(SMALL, `${seed}/review-diff`, "shell", { command: "git diff --stat" })] },
            { text: "APPROVED: the question is answered from docs/retries.md; no code change was needed." },
          ]
        : [
            { toolCalls: [scriptedCall(SMALL, `${seed}/review-test`, "run_tests", {})] },
            { text: "APPROVED: fetch_invoice retries with the shared helper and the tests pass." },
          ],
      seed,
    ),
  });
}

async function run(ctx: ScenarioContext): Promise<ContaminatedPairExpectations> {
  const cleanRecord = await runOne(ctx, "clean");
  const perturbedRecord = await runOne(ctx, "perturbed");
  const clean = summarizeRun(cleanRecord);
  const perturbed = summarizeRun(perturbedRecord);
  const cleanAgent = cleanRecord.agents[1];
  const perturbedAgent = perturbedRecord.agents[1];
  if (!cleanAgent || !perturbedAgent) throw new Error("contaminated pair: a run has no specialist");
  return {
    scenario: "contaminated-pair",
    runs: [clean, perturbed],
    onset: null,
    clean,
    perturbed,
    perturbation: RETRY_CONTAMINATION,
    firstDivergence: {
      type: "different_agent_routed",
      clean: { agent: cleanAgent.name, spanId: cleanAgent.spanId },
      perturbed: { agent: perturbedAgent.name, spanId: perturbedAgent.spanId },
    },
    sameLength: clean.route.length === perturbed.route.length && clean.llmCalls === perturbed.llmCalls && clean.toolCalls === perturbed.toolCalls,
    reroutes: clean.route.filter((agent, i) => perturbed.route[i] !== agent).length,
    answerChanged: clean.finalAnswer !== perturbed.finalAnswer,
    classification: "strategy_reroute",
  };
}

/** The `contaminated-pair` scenario. */
export const contaminatedPairScenario: ScenarioDefinition = {
  name: "contaminated-pair",
  summary: "same task twice; a pasted question in the input reroutes the planner from coder to researcher",
  run,
};

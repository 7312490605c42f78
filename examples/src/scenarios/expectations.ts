import type { TokenCounts } from "../model/agent-message";
import { allToolCalls, toolCallById, totalUsage, type RunRecord } from "../telemetry/run-record";

/**
 * What each scenario's runs should be diagnosed as, as plain data. Tests elsewhere
 * (analysis, collector, UI, alerts) assert against these instead of hard-coding
 * span ids: every reference carries the exact trace id, span id and tool call id of
 * the run that was just produced.
 */

/** Names of the scenarios. */
export type ScenarioName = "success" | "failure" | "loop" | "runaway-cost" | "contaminated-pair" | "long";

/** Points at one tool call of a run, and the step (LLM decision) that issued it. */
export interface StepRef {
  traceId: string;
  /** 1-based step index in the run (model calls of every agent, in time order). */
  stepIndex: number;
  agent: string;
  /** Span id of the model call that decided this step. */
  chatSpanId: string;
  toolCallId: string;
  toolName: string;
  /** Tool arguments as sent (JSON). */
  arguments: string;
  /** Span id and name of the tool span. */
  spanId: string;
  spanName: string;
  /** Exit code for run_tests/shell, else null. */
  exitCode: number | null;
}

/**
 * The facts of one run that every consumer can check: the run's identity and outcome as
 * its record has them (taskId is the root's onset.task; error the exception on the root
 * span when status is error), and counts over its steps.
 */
export interface RunSummary
  extends Pick<RunRecord, "traceId" | "rootSpanId" | "rootSpanName" | "taskId" | "sessionId" | "userId" | "status" | "error" | "finalAnswer" | "spanCount"> {
  /** Agent spans in start order: the routing a diff sees. */
  route: string[];
  llmCalls: number;
  toolCalls: number;
  failedToolCalls: number;
  /** Summed over chat spans; input includes cache reads. */
  usage: TokenCounts;
  /** Cost at list price (model/models.ts). */
  listPriceUsd: number;
}

/** Common fields of every scenario's expectations. */
interface ExpectationsBase {
  scenario: ScenarioName;
  /** Every run the scenario produced, in order. */
  runs: RunSummary[];
  /** Failure onset: the earliest incorrect step, or null when nothing went wrong. */
  onset: StepRef | null;
}

/** `success`: nothing to diagnose. */
export interface SuccessExpectations extends ExpectationsBase {
  scenario: "success";
  onset: null;
}

/** `failure`: a wrong edit, exposed by a later test run, built upon, ending in error. */
export interface FailureExpectations extends ExpectationsBase {
  scenario: "failure";
  onset: StepRef;
  /** Steps that were wrong (CodeTracer's "incorrect" labels): the onset and the later test tampering. */
  incorrect: StepRef[];
  /** Steps after the onset that descend from it, in order. */
  downstream: StepRef[];
  /** The first check that failed because of the onset (nonzero exit, FAILED output). */
  exposedBy: StepRef;
}

/** `loop`: the same tool call repeated without progress until the turn budget ran out. */
export interface LoopExpectations extends ExpectationsBase {
  scenario: "loop";
  /** The first repeat (the loop's onset). */
  onset: StepRef;
  loop: {
    toolName: string;
    arguments: string;
    /** Number of identical calls, the first one included. */
    repeats: number;
    calls: StepRef[];
    /** Identical output every call returned. */
    output: string;
    /** Input + output tokens of the model calls that issued the repeats (all but the first). */
    wastedTokens: number;
    wastedListPriceUsd: number;
  };
}

/** `runaway-cost`: cost climbs past a threshold while the run is still open. */
export interface RunawayCostExpectations extends ExpectationsBase {
  scenario: "runaway-cost";
  onset: null;
  cost: {
    thresholdUsd: number;
    /** The model call after which cumulative list-price cost first exceeds the threshold. */
    crossedAt: { stepIndex: number; chatSpanId: string; cumulativeUsd: number };
    totalUsd: number;
    /** Model calls still to come after the crossing (the in-flight window an alert can use). */
    stepsAfterCrossing: number;
    delayMs: number;
  };
}

/** `contaminated-pair`: same task twice; a perturbed input reroutes the planner. */
export interface ContaminatedPairExpectations extends ExpectationsBase {
  scenario: "contaminated-pair";
  onset: null;
  clean: RunSummary;
  perturbed: RunSummary;
  /** Text appended to the perturbed run's input. */
  perturbation: string;
  firstDivergence: {
    type: "different_agent_routed";
    clean: { agent: string; spanId: string };
    perturbed: { agent: string; spanId: string };
  };
  /** Both runs have the same number of agent, LLM and tool events (neither extended nor cut short). */
  sameLength: boolean;
  reroutes: number;
  answerChanged: boolean;
  /** Expected run-diff classification (docs/spec/run-diff.md §5, rule 5). */
  classification: "strategy_reroute";
}

/** `long`: a large uneventful run for benchmarks. */
export interface LongExpectations extends ExpectationsBase {
  scenario: "long";
  onset: null;
  /** Modules migrated; the run has 6 × modules + 9 spans. */
  modules: number;
}

/** Expectations of any scenario, discriminated by `scenario`. */
export type ScenarioExpectations =
  | SuccessExpectations
  | FailureExpectations
  | LoopExpectations
  | RunawayCostExpectations
  | ContaminatedPairExpectations
  | LongExpectations;

/** Summarizes a run record. */
export function summarizeRun(record: RunRecord): RunSummary {
  const calls = allToolCalls(record);
  return {
    traceId: record.traceId,
    rootSpanId: record.rootSpanId,
    rootSpanName: record.rootSpanName,
    taskId: record.taskId,
    sessionId: record.sessionId,
    userId: record.userId,
    status: record.status,
    error: record.error,
    finalAnswer: record.finalAnswer,
    route: record.agents.map((a) => a.name),
    spanCount: record.spanCount,
    llmCalls: record.steps.length,
    toolCalls: calls.length,
    failedToolCalls: calls.filter((c) => !c.ok).length,
    usage: totalUsage(record),
    listPriceUsd: record.steps.reduce((n, s) => n + s.listPriceUsd, 0),
  };
}

/** A reference to the tool call with this id. */
export function stepRef(record: RunRecord, toolCallId: string): StepRef {
  const call = toolCallById(record, toolCallId);
  const step = record.steps[call.stepIndex - 1];
  if (!step) throw new Error(`step ${call.stepIndex} missing in ${record.traceId}`);
  return {
    traceId: record.traceId,
    stepIndex: call.stepIndex,
    agent: call.agent,
    chatSpanId: step.spanId,
    toolCallId: call.id,
    toolName: call.name,
    arguments: call.arguments,
    spanId: call.spanId,
    spanName: call.spanName,
    exitCode: call.exitCode,
  };
}

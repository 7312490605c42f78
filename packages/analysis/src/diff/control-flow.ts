/**
 * Control-flow counts (docs/spec/run-diff.md §4), as the method computes them:
 * reroutes and tool ok<->fail flips are read off the aligned pairs; routing cycles and tool
 * calls are differences of counts; termination compares the number of distinct steps.
 */
import type { RunEvent } from "./event-types";
import type { ControlFlowCounts } from "./schemas";
import type { DivergenceType } from "./pair-types";

/** What control-flow counting needs of an aligned pair. */
export interface TypedPair {
  type: DivergenceType | null;
  a: RunEvent | null;
  b: RunEvent | null;
}

/** Number of distinct step numbers in a run. */
export function distinctSteps(events: readonly RunEvent[]): number {
  return new Set(events.map((e) => e.step)).size;
}

/** Number of events of one type. */
export function countType(events: readonly RunEvent[], type: RunEvent["type"]): number {
  let n = 0;
  for (const e of events) if (e.type === type) n++;
  return n;
}

/** Counts of docs/spec/run-diff.md §4; total_changes sums them with each flag counting 1. */
export function controlFlowCounts(
  pairs: readonly TypedPair[],
  eventsA: readonly RunEvent[],
  eventsB: readonly RunEvent[],
): ControlFlowCounts {
  let reroutes = 0;
  let toolFailuresIntroduced = 0;
  let toolFailuresAvoided = 0;
  for (const p of pairs) {
    if (p.type === "different_agent_routed") reroutes++;
    if (p.type === "tool_success_failure_change" && p.a?.type === "tool_invocation" && p.b?.type === "tool_invocation") {
      if (p.a.payload.success && !p.b.payload.success) toolFailuresIntroduced++;
      else if (!p.a.payload.success && p.b.payload.success) toolFailuresAvoided++;
    }
  }
  const routesA = countType(eventsA, "routing_decision");
  const routesB = countType(eventsB, "routing_decision");
  const toolsA = countType(eventsA, "tool_invocation");
  const toolsB = countType(eventsB, "tool_invocation");
  const stepsA = distinctSteps(eventsA);
  const stepsB = distinctSteps(eventsB);
  const extraRoutingCycles = Math.max(0, routesB - routesA);
  const missingRoutingCycles = Math.max(0, routesA - routesB);
  const toolCallsAdded = Math.max(0, toolsB - toolsA);
  const toolCallsRemoved = Math.max(0, toolsA - toolsB);
  const earlyTermination = stepsB < stepsA;
  const extendedExecution = stepsB > stepsA;
  return {
    reroutes,
    extraRoutingCycles,
    missingRoutingCycles,
    toolCallsAdded,
    toolCallsRemoved,
    toolFailuresIntroduced,
    toolFailuresAvoided,
    toolStateChanges: toolFailuresIntroduced + toolFailuresAvoided,
    earlyTermination,
    extendedExecution,
    totalChanges:
      reroutes +
      extraRoutingCycles +
      missingRoutingCycles +
      toolFailuresIntroduced +
      toolFailuresAvoided +
      toolCallsAdded +
      toolCallsRemoved +
      (earlyTermination ? 1 : 0) +
      (extendedExecution ? 1 : 0),
  };
}

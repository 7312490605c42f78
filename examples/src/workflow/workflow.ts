import type { Tracer } from "@opentelemetry/api";
import type { RunClock } from "../telemetry/run-clock";
import type { RunRecord } from "../telemetry/run-record";
import { RunRecorder } from "../telemetry/run-recorder";
import type { SpanConvention } from "../telemetry/span-convention";
import type { Workspace } from "../tools/workspace";
import type { AgentDefinition, SpecialistRole } from "./agent-definition";
import { runAgent } from "./agent-loop";

/**
 * The plan-act-review workflow every scenario runs:
 *
 *   invoke_workflow <task>                 root: task in, final answer out
 *   ├─ invoke_agent planner                one model call, JSON {"next_agent", "plan"}
 *   ├─ invoke_agent coder | researcher     model calls + tool calls until a final answer
 *   └─ invoke_agent reviewer               verifies; APPROVED ends the run ok,
 *                                          REJECTED ends it in error
 *
 * Routing is visible as which agent span follows the planner, which is what a run
 * diff reads as `route:<agent>` (docs/spec/run-diff.md §1).
 */

/** Name of the workflow (gen_ai.workflow.name). */
export const WORKFLOW_NAME = "plan-act-review";

/** What a run needs from its surroundings: where spans go, in which convention, on which clock. */
export interface RunEnvironment {
  tracer: Tracer;
  convention: SpanConvention;
  clock: RunClock;
}

/** One task for the workflow, with the agents (and their scripts) that will work on it. */
export interface WorkflowSpec {
  taskId: string;
  prompt: string;
  sessionId: string;
  userId: string;
  workspace: Workspace;
  planner: AgentDefinition;
  specialists: Partial<Record<SpecialistRole, AgentDefinition>>;
  reviewer: AgentDefinition;
}

/** The reviewer did not approve: the run ends in error. */
export class ReviewRejectedError extends Error {
  override name = "ReviewRejectedError";
}

/** The planner's answer named no agent the workflow has. */
export class RoutingError extends Error {
  override name = "RoutingError";
}

/** Parses the planner's JSON answer. */
export function parseRoute(text: string): { nextAgent: string; plan: string } {
  try {
    const parsed = JSON.parse(text) as { next_agent?: unknown; plan?: unknown };
    if (typeof parsed.next_agent === "string") {
      return { nextAgent: parsed.next_agent, plan: typeof parsed.plan === "string" ? parsed.plan : "" };
    }
  } catch {
    // fall through to the error below: the planner did not answer in JSON
  }
  throw new RoutingError(`planner answer is not a routing decision: ${text.slice(0, 120)}`);
}

/** Runs the workflow once, emitting one trace; returns what it emitted. */
export async function runWorkflow(env: RunEnvironment, spec: WorkflowSpec): Promise<RunRecord> {
  const recorder = new RunRecorder(env.tracer, env.convention, env.clock, {
    taskId: spec.taskId,
    workflowName: WORKFLOW_NAME,
    sessionId: spec.sessionId,
    userId: spec.userId,
  });
  const root = recorder.startWorkflow(spec.prompt);
  try {
    const route = parseRoute(await runAgent(recorder, root, spec.planner, spec.prompt, spec.workspace));
    const specialist = spec.specialists[route.nextAgent as SpecialistRole];
    if (!specialist) throw new RoutingError(`no agent named ${route.nextAgent}`);
    const work = await runAgent(recorder, root, specialist, `${spec.prompt}\n\nPlan: ${route.plan}`, spec.workspace);
    const review = await runAgent(
      recorder,
      root,
      spec.reviewer,
      `Task: ${spec.prompt}\n\nThe ${specialist.name} reports:\n${work}\n\nVerify the work and reply APPROVED or REJECTED with a reason.`,
      spec.workspace,
    );
    if (!review.startsWith("APPROVED")) throw new ReviewRejectedError(review);
    recorder.endWorkflow(root, { answer: work });
  } catch (error) {
    recorder.endWorkflow(root, { error: error instanceof Error ? error : new Error(String(error)) });
  }
  return recorder.record();
}

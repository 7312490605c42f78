/**
 * Schemas of the run hierarchy below the tree: actions, steps, stages and agents
 * (run > agent > stage > step > span, docs/spec/design.md §4 and docs/spec/failure-onset.md "trace tree").
 */
import { z } from "zod";
import { TokenTotalsSchema } from "./common-schema";

/** How a tool action relates to state (docs/spec/failure-onset.md change/explore rule). */
export const ActionKindSchema = z.enum(["change", "explore", "submit", "handoff"]);
/** How a tool action relates to state. */
export type ActionKind = z.infer<typeof ActionKindSchema>;

/** Kinds of verification a command can be. */
export const CheckKindSchema = z.enum(["test", "build", "lint", "typecheck", "repro"]);
/** Kinds of verification. */
export type CheckKind = z.infer<typeof CheckKindSchema>;

/** A verification seen in an action: which check, and whether it passed. */
export const CheckResultSchema = z.object({
  kind: CheckKindSchema,
  /** Identity used to compare runs of "the same" check: kind and target ("*" = whole suite). */
  key: z.string(),
  outcome: z.enum(["pass", "fail", "unknown"]),
});
/** A verification seen in an action. */
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** Why an action failed, coarse enough to decide whether the agent is to blame. */
export const ErrorCategorySchema = z.enum([
  "environment",
  "invalid-args",
  "not-found",
  "syntax",
  "runtime",
  "check-failed",
  "other",
]);
/** Why an action failed. */
export type ErrorCategory = z.infer<typeof ErrorCategorySchema>;

/** A failed action's error. */
export const ActionErrorSchema = z.object({ category: ErrorCategorySchema, text: z.string() });
/** A failed action's error. */
export type ActionError = z.infer<typeof ActionErrorSchema>;

/** One tool call (or hand-off to a sub-agent) a step issued, classified. */
export const ActionSchema = z.object({
  spanId: z.string(),
  tool: z.string(),
  kind: ActionKindSchema,
  /** The shell command or editor sub-command, when the action had one. */
  command: z.string().nullable(),
  readPaths: z.array(z.string()),
  writePaths: z.array(z.string()),
  exitCode: z.number().nullable(),
  ok: z.boolean(),
  error: ActionErrorSchema.nullable(),
  check: CheckResultSchema.nullable(),
  /** Paths a revert/checkout/undo restored ("*" = everything). */
  backtrackPaths: z.array(z.string()).nullable(),
  /** Lines an edit changed (diff magnitude), null when not an edit. */
  editLines: z.number().int().nullable(),
});
/** One classified action. */
export type Action = z.infer<typeof ActionSchema>;

/** What a step did to the state, as far as the spans show it. */
export const StateTransitionSchema = z.object({
  filesWritten: z.array(z.string()),
  filesRead: z.array(z.string()),
  commands: z.array(z.object({ spanId: z.string(), command: z.string(), exitCode: z.number().nullable() })),
  checks: z.array(CheckResultSchema.extend({ spanId: z.string() })),
  errors: z.array(ActionErrorSchema.extend({ spanId: z.string() })),
});
/** What a step did to the state. */
export type StateTransition = z.infer<typeof StateTransitionSchema>;

/** A step's role in its stage: what its actions amount to. */
export const StepRoleSchema = z.enum(["change", "verify", "explore", "submit", "answer", "think"]);
/** A step's role. */
export type StepRole = z.infer<typeof StepRoleSchema>;

/**
 * One step: an LLM decision plus the tool calls it issued. `id` is the step's primary
 * span: the decision LLM span, or the first action span for a step without one.
 */
export const StepSummarySchema = z.object({
  id: z.string(),
  index: z.number().int().nonnegative(),
  /** `onset.step.index` of an imported run, when the spans carry it. */
  sourceIndex: z.number().nullable(),
  agentId: z.string(),
  agentName: z.string(),
  stageIndex: z.number().int().nonnegative(),
  llmSpanId: z.string().nullable(),
  spanIds: z.array(z.string()),
  role: StepRoleSchema,
  startTimeMs: z.number(),
  endTimeMs: z.number(),
  actions: z.array(ActionSchema),
  transition: StateTransitionSchema,
  tokens: TokenTotalsSchema,
  costUsd: z.number(),
});
/** One step. */
export type StepSummary = z.infer<typeof StepSummarySchema>;

/**
 * One stage: a state opened by a change step (or the start of an agent), holding the
 * exploring steps that followed it (docs/spec/failure-onset.md: a change becomes a child state).
 */
export const StageSummarySchema = z.object({
  index: z.number().int().nonnegative(),
  agentId: z.string(),
  kind: z.enum(["initial", "change"]),
  parentIndex: z.number().int().nullable(),
  headStepId: z.string().nullable(),
  stepIds: z.array(z.string()),
  changeCount: z.number().int().nonnegative(),
  exploreCount: z.number().int().nonnegative(),
  verifyCount: z.number().int().nonnegative(),
  /** explore+verify steps / all steps of the stage. */
  explorationRatio: z.number(),
  /** True when the stage was opened by a revert/checkout/undo. */
  backtrack: z.boolean(),
});
/** One stage. */
export type StageSummary = z.infer<typeof StageSummarySchema>;

/** One agent of the run: an agent span, or an implicit agent for spans outside any. */
export const AgentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  spanId: z.string().nullable(),
  parentAgentId: z.string().nullable(),
  stageIndexes: z.array(z.number().int()),
  stepIds: z.array(z.string()),
});
/** One agent of the run. */
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

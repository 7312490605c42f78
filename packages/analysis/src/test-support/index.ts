/**
 * The analysis test builder, for tests and scripts of every package (`@onset/analysis/test-support`):
 * RunBuilder makes a run's spans step by step, and the coding-agent steps (sh, edit, call,
 * say, failedCommandTrajectory) are written with it; cpuMs times a call for hostile-input tests.
 */
export { RunBuilder, type SpanSpec, type LlmSpec, type ToolSpec, type StepSpec } from "./span-builder";
export { sh, edit, call, say, failedCommandTrajectory } from "./coding-steps";
export { cpuMs } from "./cpu-time";

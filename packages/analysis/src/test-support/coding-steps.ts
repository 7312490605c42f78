/**
 * Shorthands for test fixtures of coding runs: one step per call, shell or editor.
 * Not part of the package's public surface.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { RunBuilder } from "./span-builder";

/** Adds a step running a shell command; returns the step's decision span id. */
export function sh(b: RunBuilder, parent: string, command: string, result = "", exit = 0): string {
  return b.step({ parent, calls: [{ tool: "bash", args: { command }, result, exit }] }).llmId;
}

/** Adds a step making a str_replace edit; returns the step's decision span id. */
export function edit(b: RunBuilder, parent: string, path: string, oldText: string, newText: string, result = `The file ${path} has been edited.`): string {
  return b.step({ parent, calls: [{ tool: "str_replace_editor", args: { command: "str_replace", path, old_str: oldText, new_str: newText }, result }] }).llmId;
}

/** Adds a step calling a named tool; returns the step's decision span id. */
export function call(b: RunBuilder, parent: string, tool: string, args: unknown, result: string, extra: { error?: string; text?: string } = {}): string {
  return b.step({ parent, text: extra.text, calls: [{ tool, args, result, error: extra.error }] }).llmId;
}

/** Adds an LLM-only step (a thought or a final answer); returns its span id. */
export function say(b: RunBuilder, parent: string, text: string): string {
  return b.step({ parent, text, calls: [] }).llmId;
}

/** A three-step SWE-agent-shaped run (ls, `command` failing with exit 1, submit): hostile-input tests and benchmarks. */
export function failedCommandTrajectory(command: string): NormalizedSpan[] {
  const b = new RunBuilder();
  b.agent("swe-agent");
  b.step({ text: "look", calls: [{ tool: "bash", args: { command: "ls" }, result: "a.py" }] });
  b.step({ text: "try", calls: [{ tool: "bash", args: { command }, result: "out", exit: 1, error: "failed" }] });
  b.step({ text: "done", calls: [{ tool: "submit", args: {} }] });
  return b.build();
}

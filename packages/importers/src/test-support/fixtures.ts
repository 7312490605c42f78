/**
 * Test support (imported by *.test.ts only): reads the in-repo fixtures under
 * packages/importers/fixtures and flattens runs into rows that tests compare
 * step by step.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { NormalizedSpan } from "@onset/otlp";
import { expect } from "vitest";
import type { ImportedRun } from "../types";

/** Absolute path of a fixture, e.g. fixturePath("swe-agent/x.traj"). */
export function fixturePath(relativePath: string): string {
  return fileURLToPath(new URL(`../../fixtures/${relativePath}`, import.meta.url));
}

/** A fixture's text. */
export function readFixture(relativePath: string): string {
  return readFileSync(fixturePath(relativePath), "utf8");
}

/** The comparable essentials of an llm or tool span. */
export interface StepRow {
  type: "llm" | "tool";
  step: number;
  tool: string | null;
  args: unknown;
  exit: number | null;
  status: "unset" | "ok" | "error";
}

/** The expected row of an llm span at `step`: no tool, no exit code, status unset unless given. */
export function llmRow(step: number, status: StepRow["status"] = "unset"): StepRow {
  return { type: "llm", step, tool: null, args: null, exit: null, status };
}

/** The expected row of a tool span: `tool` called with `args` at `step`, its exit code and status (none and unset unless given). */
export function toolRow(step: number, tool: string, args: unknown, exit: number | null = null, status: StepRow["status"] = "unset"): StepRow {
  return { type: "tool", step, tool, args, exit, status };
}

/** llm and tool spans of a run as rows, in emission order. */
export function stepRows(run: ImportedRun): StepRow[] {
  return run.spans
    .filter((s): s is NormalizedSpan & { type: "llm" | "tool" } => s.type === "llm" || s.type === "tool")
    .map((s) => ({
      type: s.type,
      step: s.attributes["onset.step.index"] as number,
      tool: s.tool?.name ?? null,
      args: s.tool?.arguments ? (JSON.parse(s.tool.arguments) as unknown) : null,
      exit: typeof s.attributes["process.exit.code"] === "number" ? s.attributes["process.exit.code"] : null,
      status: s.statusCode,
    }));
}

/** Invariants every imported run must satisfy, whatever its format; returns the problems found. */
export function structuralProblems(run: ImportedRun): string[] {
  const problems: string[] = [];
  const ids = new Set(run.spans.map((s) => s.spanId));
  const root = run.spans[0];
  if (!root || root.parentSpanId !== null || root.type !== "agent") problems.push("first span is not a root agent span");
  if (ids.size !== run.spans.length) problems.push("duplicate span ids");
  for (const s of run.spans) {
    if (s.traceId !== run.traceId) problems.push(`${s.name}: trace id differs from the run`);
    if (!/^[0-9a-f]{32}$/.test(s.traceId)) problems.push(`${s.name}: trace id is not 32 hex`);
    if (!/^[0-9a-f]{16}$/.test(s.spanId)) problems.push(`${s.name}: span id is not 16 hex`);
    if (s.parentSpanId !== null && !ids.has(s.parentSpanId)) problems.push(`${s.name}: parent missing`);
    if (s.endTimeMs < s.startTimeMs) problems.push(`${s.name}: ends before it starts`);
    if (root && (s.startTimeMs < root.startTimeMs || s.endTimeMs > root.endTimeMs)) problems.push(`${s.name}: outside the root's time range`);
    if (!s.mapper.startsWith("import:")) problems.push(`${s.name}: mapper ${s.mapper}`);
    if ((s.type === "llm" || s.type === "tool") && typeof s.attributes["onset.step.index"] !== "number") {
      problems.push(`${s.name}: no onset.step.index`);
    }
    if (s.type === "tool" && !s.tool) problems.push(`${s.name}: tool span without tool`);
  }
  return problems;
}

/** Expects a structurally sound run with `steps` steps, `errors` of them failed, and these llm and tool rows in order. */
export function expectStepRows(run: ImportedRun, expected: { steps: number; errors: number; rows: StepRow[] }): void {
  expect(structuralProblems(run)).toEqual([]);
  expect(run.steps).toBe(expected.steps);
  expect(run.errors).toBe(expected.errors);
  expect(stepRows(run)).toEqual(expected.rows);
}

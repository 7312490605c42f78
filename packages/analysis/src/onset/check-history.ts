/**
 * Every check the run performed, per check key, in run order; and the verification
 * regressions among them (docs/spec/failure-onset.md: "a check that passed earlier now fails").
 * A failure of key K regresses when K's latest outcome was a pass, or K was never run
 * and the whole suite of the same kind ("kind:*") last passed.
 */
import { REPRO_SCRIPT, TEST_SCRIPT } from "../actions/classify-command";
import type { ActionModel, StepModel } from "../steps/step-model";

/** One run of a check. */
export interface CheckObservation {
  step: StepModel;
  action: ActionModel;
  key: string;
  outcome: "pass" | "fail" | "unknown";
}

/** A check that passed and later failed. */
export interface Regression {
  pass: CheckObservation;
  fail: CheckObservation;
}

/** Checks of a run. */
export interface CheckHistory {
  byKey: Map<string, CheckObservation[]>;
  all: CheckObservation[];
  regressions: Regression[];
}

/** Builds the check history of steps in run order. */
export function checkHistory(steps: readonly StepModel[]): CheckHistory {
  const byKey = new Map<string, CheckObservation[]>();
  const all: CheckObservation[] = [];
  const regressions: Regression[] = [];
  const latest = new Map<string, CheckObservation>();
  for (const step of steps) {
    for (const action of step.actions) {
      const check = action.check;
      if (check === null || check.outcome === "unknown") continue;
      const obs: CheckObservation = { step, action, key: check.key, outcome: check.outcome };
      all.push(obs);
      const list = byKey.get(check.key) ?? [];
      list.push(obs);
      byKey.set(check.key, list);
      if (obs.outcome === "fail") {
        const own = latest.get(check.key);
        const suite = latest.get(`${check.kind}:*`);
        const base = own !== undefined ? (own.outcome === "pass" ? own : undefined) : suite?.outcome === "pass" ? suite : undefined;
        if (base !== undefined) regressions.push({ pass: base, fail: obs });
      }
      latest.set(check.key, obs);
    }
  }
  return { byKey, all, regressions };
}

/** Steps that changed state successfully, in run order. */
export function changeSteps(steps: readonly StepModel[]): StepModel[] {
  return steps.filter((s) => s.actions.some((a) => a.kind === "change" && a.ok));
}

/** Paths a step wrote successfully. */
export function writtenPaths(step: StepModel): string[] {
  const out: string[] = [];
  for (const a of step.actions) if (a.kind === "change" && a.ok) out.push(...a.writePaths);
  return out;
}

/**
 * A change that only creates test or reproduction scripts, or only adds/removes debug
 * prints: scaffolding for looking at the code, not a fix that could be wrong about it.
 */
export function isScaffoldChange(step: StepModel): boolean {
  const changes = step.actions.filter((a) => a.kind === "change" && a.ok);
  if (changes.length === 0) return false;
  return changes.every((a) => a.edit?.instrumentation === true || (a.writePaths.length > 0 && a.writePaths.every((p) => TEST_SCRIPT.test(p) || REPRO_SCRIPT.test(p))));
}

/** True when an output names one of the paths (full path, or a file name of 4+ characters). */
export function mentionsPath(output: string, paths: readonly string[]): boolean {
  for (const p of paths) {
    if (p === "" || p === "*") continue;
    if (output.includes(p)) return true;
    const base = p.slice(p.lastIndexOf("/") + 1);
    if (base.length >= 4 && base.includes(".") && output.includes(base)) return true;
  }
  return false;
}

/**
 * Every check the run performed, per check key, in run order; and the verification
 * regressions among them (docs/spec/failure-onset.md: "a check that passed earlier now fails").
 * A failure of key K regresses when K's latest outcome was a pass, or K was never run
 * and the whole suite of the same kind ("kind:*") last passed.
 */
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

/** An edit of existing content (str_replace, SWE-agent edit, sed -i), as opposed to creating a file. */
export function modifiesExisting(a: ActionModel): boolean {
  const cmd = a.command ?? "";
  return (a.edit !== null && a.edit.oldText !== null) || /^\s*(?:edit|insert|sed\s|perl\s)/.test(cmd) || /^str_replace\b/.test(cmd);
}

/**
 * Paths the agent itself created: their first appearance in the run, in any action's
 * read or written paths, is a successful write that does not edit existing content.
 * Scratch scripts, reproductions, patch
 * scripts, backups — the agent's scaffolding, not the project it was asked to change.
 */
export function createdPaths(steps: readonly StepModel[]): Set<string> {
  const seen = new Set<string>();
  const created = new Set<string>();
  for (const step of steps) {
    for (const a of step.actions) {
      // Writes first: `cat > x.py <<EOF ... EOF && python x.py` creates x.py, then reads it.
      if (a.kind === "change" && a.ok && !modifiesExisting(a)) for (const p of a.writePaths) if (!seen.has(p)) created.add(p);
      for (const p of a.writePaths) seen.add(p);
      for (const p of a.readPaths) seen.add(p);
    }
  }
  return created;
}

/**
 * A step whose changes touch only scaffolding: debug-print instrumentation, or files the
 * agent created itself (createdPaths). A file is scaffolding because the agent made it,
 * not because its name says "test" or "check": editing the project's own tests is a
 * real change.
 */
export function isScaffoldChange(step: StepModel, created: ReadonlySet<string>): boolean {
  const changes = step.actions.filter((a) => a.kind === "change" && a.ok);
  if (changes.length === 0) return false;
  return changes.every((a) => a.edit?.instrumentation === true || (a.writePaths.length > 0 && a.writePaths.every((p) => created.has(p))));
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

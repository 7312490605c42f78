/**
 * How a failed run ended, traced back to where it went wrong (docs/spec/failure-onset.md:
 * "submitting while an error is unresolved or with no verification after the last
 * change"; a loop the run never left). Only fires for failed runs.
 *
 * - A check still failing at the end that never passed: if the agent changed things
 *   after its first failure, those attempted fixes did not fix it (the first is blamed
 *   most); if it first ran only after the changes, the changes before it are blamed
 *   (the ones its output names, else the earliest).
 * - Changes after the last check were never verified.
 * - The final submit/answer despite an open error or failing check, or unverified.
 * - A loop still running at the end: its first repeat.
 */
import { scanWindow } from "../actions/action-outcome";
import type { LoopFinding } from "../schema/loop-schema";
import { clip } from "../spans/text-hash";
import type { StepModel } from "../steps/step-model";
import { isScaffoldChange, mentionsPath, writtenPaths, type CheckHistory, type CheckObservation } from "./check-history";
import { pointAt, stepName, stepNumber, type OnsetContext } from "./onset-context";
import type { ErrorFindings } from "./signal-errors";

const FIRST_FIX_WEIGHT = 0.55;
const LATER_FIX_WEIGHT = 0.5;
const NAMED_PRIOR_WEIGHT = 0.6;
const EARLIEST_PRIOR_WEIGHT = 0.5;
const OTHER_PRIOR_WEIGHT = 0.35;
const UNVERIFIED_EDGE_WEIGHT = 0.5;
const UNVERIFIED_MIDDLE_WEIGHT = 0.4;
const SUBMIT_WITH_ERROR_WEIGHT = 0.55;
const SUBMIT_UNVERIFIED_WEIGHT = 0.5;
/** An unfixed error the final answer carried on over: with the error's own evidence it crosses the threshold. */
const ANSWERED_OVER_WEIGHT = 0.2;
const LOOP_TO_END_WEIGHT = 0.55;
const FIRST_CHANGE_WEIGHT = 0.5;
/** Evidence that already points at a specific wrong change; the first-change prior yields to it. */
const SPECIFIC_CHANGE_EVIDENCE = new Set(["verification-regression", "failing-check", "reverted-change"]);
/** A loop ending within this many steps of the run's end was still running. */
const LOOP_END_SLACK = 2;

/** The step that ended the run: the last submit/answer, else the last step. */
export function finalStep(steps: readonly StepModel[]): StepModel | null {
  for (let k = steps.length - 1; k >= 0 && k >= steps.length - 3; k--) {
    const s = steps[k]!;
    if (s.role === "submit" || s.role === "answer") return s;
  }
  return steps[steps.length - 1] ?? null;
}

function blameFailingCheck(ctx: OnsetContext, obs: CheckObservation[], changes: readonly StepModel[]): boolean {
  const firstFail = obs.find((o) => o.outcome === "fail")!;
  const last = obs[obs.length - 1]!;
  const label = clip(last.action.command ?? last.action.tool, 80);
  const fixes = changes.filter((s) => s.index > firstFail.step.index && s.index <= last.step.index && !isScaffoldChange(s, ctx.created));
  fixes.forEach((s, k) =>
    ctx.board.add(s, "incorrect", {
      kind: "failing-check",
      text: `"${label}" failed at ${stepName(firstFail.step)} and still failed at ${stepName(last.step)}: this attempted fix (${writtenPaths(s).join(", ") || "state change"}) did not fix it`,
      spanIds: pointAt(ctx, s),
      weight: k === 0 ? FIRST_FIX_WEIGHT : LATER_FIX_WEIGHT,
    }),
  );
  // A check whose very first run, after the agent's changes, failed: those changes are
  // where it broke, whatever the attempted fixes after it did (editing the test to match
  // the wrong code is one more wrong step, not the first).
  const prior = changes.filter((s) => s.index <= firstFail.step.index && !isScaffoldChange(s, ctx.created));
  if (prior.length === 0 || firstFail !== obs[0]) return fixes.length > 0;
  const output = scanWindow(firstFail.action.output);
  const named = prior.filter((s) => mentionsPath(output, writtenPaths(s)));
  prior.forEach((s) => {
    const isNamed = named.includes(s);
    const weight = isNamed ? NAMED_PRIOR_WEIGHT : named.length === 0 && s === prior[0] ? EARLIEST_PRIOR_WEIGHT : OTHER_PRIOR_WEIGHT;
    ctx.board.add(s, "incorrect", {
      kind: "failing-check",
      text: `"${label}" first ran at ${stepName(firstFail.step)}, after this change, failed and never passed${isNamed ? "; its output names the changed file" : ""}`,
      spanIds: pointAt(ctx, s),
      weight,
    });
  });
  return true;
}

/** Adds terminal evidence for a failed run. */
export function terminalSignal(ctx: OnsetContext, history: CheckHistory, changes: readonly StepModel[], regressed: Set<string>, errors: ErrorFindings): void {
  if (!ctx.failed || ctx.steps.length === 0) return;
  const steps = ctx.steps;
  const final = finalStep(steps);

  // Checks still failing at the end.
  const failingAtEnd: CheckObservation[] = [];
  for (const [key, obs] of history.byKey) {
    const last = obs[obs.length - 1]!;
    if (last.outcome !== "fail") continue;
    failingAtEnd.push(last);
    const everPassed = obs.some((o) => o.outcome === "pass");
    if (everPassed || regressed.has(key)) continue;
    blameFailingCheck(ctx, obs, changes);
  }

  // Changes never verified.
  const lastCheck = history.all.length > 0 ? history.all[history.all.length - 1]!.step.index : -1;
  const unverified = changes.filter((s) => s.index > lastCheck && !isScaffoldChange(s, ctx.created));
  unverified.forEach((s, k) =>
    ctx.board.add(s, "incorrect", {
      kind: "unverified-change",
      text: lastCheck < 0 ? "changed state and the run never ran a check" : `changed state after the last check (step ${stepNumber(lastCheck)}) and was never verified`,
      spanIds: pointAt(ctx, s),
      weight: k === 0 || k === unverified.length - 1 ? UNVERIFIED_EDGE_WEIGHT : UNVERIFIED_MIDDLE_WEIGHT,
    }),
  );

  firstChange(ctx, changes);

  // The final submit/answer. An answer makes claims, so answering over an open problem is a
  // wrong decision; a submit only ships the state, whose wrong changes carry the label
  // (CodeTraceBench labels wrong state-changing actions), so it joins the chain instead.
  if (final !== null && (final.role === "submit" || final.role === "answer")) {
    const claim = final.role === "answer" ? "incorrect" : "affected";
    const openBefore = errors.open.filter((e) => e.step.index < final.index);
    const problems: string[] = [];
    if (openBefore.length > 0) problems.push(`${openBefore.length} unresolved error(s), first at ${stepName(openBefore[0]!.step)}: ${clip(openBefore[0]!.action.error?.text ?? "", 80)}`);
    if (failingAtEnd.length > 0) problems.push(`check "${clip(failingAtEnd[0]!.action.command ?? failingAtEnd[0]!.action.tool, 60)}" still failing`);
    if (problems.length > 0) {
      ctx.board.add(final, claim, { kind: "submit-with-error", text: `${final.role === "answer" ? "answered" : "submitted"} despite ${problems.join("; ")}`, spanIds: pointAt(ctx, final), weight: claim === "incorrect" ? SUBMIT_WITH_ERROR_WEIGHT : 0 });
      // The answer built on a result that never came: the failed action is where it went wrong.
      const ignored = openBefore.find((e) => !e.environmental);
      if (final.role === "answer" && ignored !== undefined) {
        ctx.board.add(ignored.step, "incorrect", { kind: "unresolved-error", text: `its failure (${clip(ignored.action.error?.text ?? "", 80)}) was never fixed, and the final answer at ${stepName(final)} carried on over it`, spanIds: [ignored.action.spanId], weight: ANSWERED_OVER_WEIGHT });
      }
    } else if (unverified.length > 0) {
      ctx.board.add(final, claim, { kind: "submit-unverified", text: `${final.role === "answer" ? "answered" : "submitted"} with ${unverified.length} change(s) never verified by a check`, spanIds: pointAt(ctx, final), weight: claim === "incorrect" ? SUBMIT_UNVERIFIED_WEIGHT : 0 });
    }
  }

  // Loops the run never left.
  const lastIndex = steps[steps.length - 1]!.index;
  const lastOfAgent = new Map<string, number>();
  for (const a of ctx.model.agents) lastOfAgent.set(a.id, a.steps[a.steps.length - 1]?.index ?? -1);
  for (const loop of ctx.loops) loopToEnd(ctx, loop, lastIndex, lastOfAgent);
}

/**
 * The fix itself. A failed run whose checks and reverts point nowhere most often went
 * wrong at its first change to the project's own files: the agent's scratch scripts,
 * reproductions and backups (files it created) do not count, and a change made by running
 * a patch script the agent wrote is blamed on the step that wrote the script, where the
 * decision was made (CodeTraceBench labels the wrong state-changing action).
 */
function firstChange(ctx: OnsetContext, changes: readonly StepModel[]): void {
  for (const idx of ctx.board.stepIndexes()) if (ctx.board.evidence(idx, "incorrect").some((e) => SPECIFIC_CHANGE_EVIDENCE.has(e.kind))) return;
  const first = changes.find((s) => !isScaffoldChange(s, ctx.created));
  if (first === undefined) return;
  let blamed = first;
  let how = `changed ${writtenPaths(first).join(", ") || "state"}`;
  const script = first.actions.find((a) => a.kind === "change" && a.ok && a.writePaths.length === 0 && a.readPaths.length > 0 && ctx.created.has(a.readPaths[0]!))?.readPaths[0];
  if (script !== undefined) {
    const writer = changes.find((s) => s.index < first.index && s.actions.some((a) => a.writePaths.includes(script)));
    if (writer !== undefined) {
      blamed = writer;
      how = `wrote ${script}, the script that ${stepName(first)} ran to change the project`;
    } else how = `ran ${script} to change the project`;
  }
  ctx.board.add(blamed, "incorrect", {
    kind: "first-change",
    text: `the run's first change to files the agent did not create: ${how}; the run failed with it in place`,
    spanIds: pointAt(ctx, blamed),
    weight: FIRST_CHANGE_WEIGHT,
  });
}

/** A loop the run (or its agent) never left: it reaches the run's last steps or its agent's last step. */
function loopToEnd(ctx: OnsetContext, loop: LoopFinding, lastIndex: number, lastOfAgent: Map<string, number>): void {
  const lastSpan = loop.spanIds[loop.spanIds.length - 1]!;
  const lastStep = ctx.stepOfSpan.get(lastSpan);
  const onsetStep = ctx.stepOfSpan.get(loop.onsetSpanId);
  if (lastStep === undefined || onsetStep === undefined) return;
  const agentLast = lastOfAgent.get(lastStep.agentId) ?? -1;
  if (lastStep.index < lastIndex - LOOP_END_SLACK && lastStep.index < agentLast) return;
  // Retrying through an outage is not a wrong decision: the environment failed, not the agent.
  const actions = loop.spanIds.map((id) => ctx.stepOfSpan.get(id)?.actions.find((a) => a.spanId === id));
  if (actions.every((a) => a?.error?.category === "environment")) return;
  ctx.board.add(onsetStep, "incorrect", {
    kind: "loop-onset",
    text: `first repeat of a ${loop.kind} (${clip(loop.signature, 80)}) the run never left (${loop.count} occurrences to the end)`,
    spanIds: [loop.onsetSpanId],
    weight: LOOP_TO_END_WEIGHT,
  });
}

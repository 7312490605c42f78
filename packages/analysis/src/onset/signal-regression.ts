/**
 * Verification regression (docs/spec/failure-onset.md): a check that passed earlier now fails;
 * blame the change step in between. When several changes sit between the pass and the
 * failure, the ones whose files the failure output names are blamed; if none is named,
 * the earliest change is (the onset is the earliest responsible step) with less weight.
 * Applies to successful runs too: a change that broke a passing check was a wrong step
 * even if a later one repaired it.
 */
import { scanWindow } from "../actions/action-outcome";
import { clip } from "../spans/text-hash";
import type { StepModel } from "../steps/step-model";
import { isScaffoldChange, mentionsPath, writtenPaths, type CheckHistory } from "./check-history";
import { pointAt, stepName, type OnsetContext } from "./onset-context";

/** Weight of a change the failing output names. */
const NAMED_WEIGHT = 0.8;
/** Weight of the earliest change in the window when none is named. */
const EARLIEST_WEIGHT = 0.6;
/** Weight of the other unnamed changes in the window. */
const OTHER_WEIGHT = 0.3;

/** Adds regression evidence; returns the check keys whose failures it explained. */
export function regressionSignal(ctx: OnsetContext, history: CheckHistory, changes: readonly StepModel[]): Set<string> {
  const explained = new Set<string>();
  for (const { pass, fail } of history.regressions) {
    const window = changes.filter((s) => s.index > pass.step.index && s.index <= fail.step.index && !isScaffoldChange(s, ctx.created));
    const command = clip(fail.action.command ?? fail.action.tool, 80);
    const failText = fail.action.error?.text ?? "failed";
    if (window.length === 0) {
      ctx.board.add(fail.step, "note", {
        kind: "verification-regression",
        text: `"${command}" passed at ${stepName(pass.step)} and failed at ${stepName(fail.step)} with no change in between (flaky or environmental): nothing to blame`,
        spanIds: [fail.action.spanId],
        weight: 0,
      });
      continue;
    }
    explained.add(fail.key);
    const output = scanWindow(fail.action.output);
    const named = window.filter((s) => mentionsPath(output, writtenPaths(s)));
    const blamed = named.length > 0 ? named : [window[0]!];
    for (const s of window) {
      const isNamed = named.includes(s);
      const weight = isNamed ? NAMED_WEIGHT : s === blamed[0] ? EARLIEST_WEIGHT : OTHER_WEIGHT;
      const why = isNamed
        ? `the failure output names ${writtenPaths(s).join(", ")}, which this step changed`
        : named.length > 0
          ? `changed ${writtenPaths(s).join(", ") || "state"} in the same window, but the failure names other files`
          : s === blamed[0]
            ? `earliest of ${window.length} change(s) between the pass and the failure; the output names none of them`
            : `one of ${window.length} change(s) between the pass and the failure`;
      ctx.board.add(s, "incorrect", {
        kind: "verification-regression",
        text: `"${command}" passed at ${stepName(pass.step)}, failed at ${stepName(fail.step)} (${clip(failText, 120)}): ${why}`,
        spanIds: pointAt(ctx, s),
        weight,
      });
    }
    ctx.board.add(fail.step, "affected", {
      kind: "verification-regression",
      text: `check failed after passing at ${stepName(pass.step)}; blamed on ${blamed.map(stepName).join(", ")}`,
      spanIds: [fail.action.spanId],
      weight: 0,
    });
  }
  return explained;
}

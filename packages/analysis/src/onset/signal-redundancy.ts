/**
 * Unuseful steps (CodeTraceBench's second label: redundant exploration): the repeats
 * of a loop (docs/spec/failure-onset.md: "its first repeat is the loop onset; the repeats are
 * unuseful"), and exploring the same thing twice inside one state (same call, same
 * output, no change in between) — the stage rule says nothing changed to look at.
 */
import { stepName, stepNumber, type OnsetContext } from "./onset-context";

const LOOP_REPEAT_WEIGHT = 0.6;
const REDUNDANT_WEIGHT = 0.6;

/** Adds unuseful evidence. */
export function redundancySignal(ctx: OnsetContext): void {
  for (const loop of ctx.loops) {
    const start = loop.spanIds.indexOf(loop.onsetSpanId);
    const marked = new Set<number>();
    for (const spanId of loop.spanIds.slice(start)) {
      const step = ctx.stepOfSpan.get(spanId);
      if (step === undefined || marked.has(step.index)) continue;
      marked.add(step.index);
      ctx.board.add(step, "unuseful", {
        kind: "repeated-action",
        text: `repeat in a ${loop.kind}: ${loop.signature}`,
        spanIds: [spanId],
        weight: Math.max(LOOP_REPEAT_WEIGHT, loop.confidence),
      });
    }
  }

  // Same exploring call with the same output within one stage.
  const seen = new Map<string, number>();
  for (const step of ctx.steps) {
    if (step.actions.length === 0) continue;
    let redundant = 0;
    let firstAt = -1;
    for (const a of step.actions) {
      if (a.kind !== "explore" || !a.ok || a.check !== null) continue;
      const key = `${step.stageIndex}\u0000${a.signature}\u0000${a.outputFingerprint}`;
      const at = seen.get(key);
      if (at !== undefined) {
        redundant++;
        if (firstAt < 0) firstAt = at;
      } else seen.set(key, step.index);
    }
    if (redundant > 0 && redundant === step.actions.length) {
      ctx.board.add(step, "unuseful", {
        kind: "redundant-exploration",
        text: `repeats the exploration of step ${stepNumber(firstAt)} with the same result, nothing changed in between (${stepName(step)})`,
        spanIds: step.actions.map((a) => a.spanId),
        weight: REDUNDANT_WEIGHT,
      });
    }
  }
}

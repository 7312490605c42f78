/**
 * The older step-bucketed alignment (docs/spec/run-diff.md §2: "an older step-bucketed alignment
 * produced spurious early divergences"), kept as an option for comparison with published
 * numbers. Events are bucketed by step number; steps are visited in ascending order; inside
 * a step, events are grouped by event type (types in sorted order) and the k-th event of a
 * type in A is paired with the k-th of that type in B; leftovers are unpaired.
 *
 * Why it misleads: one extra early step shifts every later step number, so every later
 * bucket pairs events from different phases of the two runs and reports reroutes and
 * missing events that the edit alignment sees as a single insertion.
 */
import type { RunEvent } from "./event-types";
import { OP_DELETION, OP_INSERTION, OP_MATCH, OP_SUBSTITUTION, PathBuilder } from "./alignment-path";
import type { KeyAlignment } from "./alignment-path";

/** Indices of events per step, then per type, in run order. */
function buckets(events: readonly RunEvent[]): Map<number, Map<string, number[]>> {
  const out = new Map<number, Map<string, number[]>>();
  events.forEach((e, i) => {
    let byType = out.get(e.step);
    if (!byType) out.set(e.step, (byType = new Map()));
    let list = byType.get(e.type);
    if (!list) byType.set(e.type, (list = []));
    list.push(i);
  });
  return out;
}

/**
 * Step-bucketed alignment as a KeyAlignment: a pair of equal keys is a match, of different
 * keys a substitution; unpaired events are insertions (B only) or deletions (A only).
 * `distance` here counts the alignment's own edits, which can exceed the Levenshtein
 * distance (d_norm is always computed from the optimal edit script, not from this).
 */
export function alignByStepBuckets(
  eventsA: readonly RunEvent[],
  eventsB: readonly RunEvent[],
  keysA: ArrayLike<number>,
  keysB: ArrayLike<number>,
): KeyAlignment {
  const ba = buckets(eventsA);
  const bb = buckets(eventsB);
  const steps = [...new Set([...ba.keys(), ...bb.keys()])].sort((x, y) => x - y);
  const out = new PathBuilder(eventsA.length + eventsB.length);
  for (const step of steps) {
    const ta = ba.get(step) ?? new Map<string, number[]>();
    const tb = bb.get(step) ?? new Map<string, number[]>();
    const types = [...new Set([...ta.keys(), ...tb.keys()])].sort();
    for (const type of types) {
      const la = ta.get(type) ?? [];
      const lb = tb.get(type) ?? [];
      for (let k = 0; k < Math.max(la.length, lb.length); k++) {
        const i = la[k];
        const j = lb[k];
        if (i !== undefined && j !== undefined) out.push(keysA[i] === keysB[j] ? OP_MATCH : OP_SUBSTITUTION, i, j);
        else if (i !== undefined) out.push(OP_DELETION, i, -1);
        else if (j !== undefined) out.push(OP_INSERTION, -1, j);
      }
    }
  }
  return out.finish();
}

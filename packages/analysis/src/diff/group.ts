/**
 * One run against a group of baseline runs of the same task (docs/spec/run-diff.md §5 noise floor,
 * §8 "compare one run against a group of good runs"): diff against each baseline, keep the
 * closest as the reference pair, and measure the noise floor as the largest d_norm among the
 * baselines pairwise; the candidate is within noise when its closest d_norm is at or below it.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { RunEvent } from "./event-types";
import { extractRunEvents } from "./events";
import { resolveSignature } from "./signatures";
import { encodeKeys, normalizedDistance, sequenceEditDistance } from "./edit-distance";
import { diffEvents } from "./diff-runs";
import type { DiffOptions } from "./diff-runs";
import type { GroupDiffResult } from "./schemas";

/** d_norm only (two-row distance), for the many pairs the group comparison needs. */
function dNormOnly(a: readonly RunEvent[], b: readonly RunEvent[], options: DiffOptions): number {
  const sig = resolveSignature(options.signature);
  const { a: ka, b: kb } = encodeKeys(a.map(sig), b.map(sig));
  return normalizedDistance(sequenceEditDistance(ka, kb), ka.length, kb.length);
}

/**
 * Diff `spans` against each of `baselines` (at least one). The closest baseline is the one
 * with the smallest d_norm (first one on ties); the full diff is computed for it only.
 */
export function diffAgainstGroup(
  spans: readonly NormalizedSpan[],
  baselines: readonly (readonly NormalizedSpan[])[],
  options: Omit<DiffOptions, "noiseFloor"> = {},
): GroupDiffResult {
  if (baselines.length === 0) throw new RangeError("diffAgainstGroup needs at least one baseline run");
  const candidate = extractRunEvents(spans);
  const baseEvents = baselines.map((b) => extractRunEvents(b));
  const scores = baseEvents.map((events, index) => ({
    index,
    traceId: baselines[index]?.[0]?.traceId ?? null,
    dNorm: dNormOnly(events, candidate, options),
  }));
  let closestIndex = 0;
  for (const s of scores) if (s.dNorm < scores[closestIndex]!.dNorm) closestIndex = s.index;

  const baselinePairs: GroupDiffResult["baselinePairs"] = [];
  for (let i = 0; i < baseEvents.length; i++) {
    for (let j = i + 1; j < baseEvents.length; j++) {
      baselinePairs.push({ a: i, b: j, dNorm: dNormOnly(baseEvents[i]!, baseEvents[j]!, options) });
    }
  }
  const noiseFloor = baselinePairs.length > 0 ? Math.max(...baselinePairs.map((p) => p.dNorm)) : null;
  const closest = diffEvents(baseEvents[closestIndex]!, candidate, noiseFloor === null ? options : { ...options, noiseFloor });
  return {
    baselines: scores,
    closestIndex,
    closest,
    baselinePairs,
    noiseFloor,
    withinNoise: closest.withinNoise,
  };
}

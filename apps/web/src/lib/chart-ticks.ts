/**
 * Even axis ticks for the charts: steps of 1, 2, 2.5 or 5 times a power of ten, starting
 * at 0 and covering the largest value, and labels with as many decimals as the step
 * needs — so a cost axis reads $0.01, $0.02, $0.03, never $0.01, $0.03, $0.04 (rounded
 * uneven ticks) or $6.0e-7.
 */

/** Ticks from 0 to at least `max`, about `count` steps apart (just [0] when there is nothing to show). */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0];
  const rough = max / count;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= rough * (1 - 1e-9))!;
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Decimals that show every tick of `ticks` exactly (at least `min`). */
export function tickDecimals(ticks: readonly number[], min = 0): number {
  let d = min;
  for (const t of ticks) {
    const text = String(t);
    const frac = text.includes("e-") ? Number(text.split("e-")[1]) + (text.split("e")[0]!.split(".")[1]?.length ?? 0) : (text.split(".")[1]?.length ?? 0);
    d = Math.max(d, frac);
  }
  return Math.min(d, 12);
}

/** A cost axis: its ticks and a label function with one number of decimals for all of them. */
export function costAxis(max: number, count = 4): { ticks: number[]; domain: [number, number]; label: (v: number) => string } {
  const ticks = niceTicks(max, count);
  const decimals = tickDecimals(ticks, 2);
  return { ticks, domain: [0, ticks[ticks.length - 1]!], label: (v) => (v === 0 ? "$0" : `$${v.toFixed(decimals)}`) };
}

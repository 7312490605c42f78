/**
 * Waterfall geometry: where a span's bar sits on the run's time axis (as percentages,
 * so the column can be any width) and the axis ticks at round intervals.
 */

/** The run's time axis. */
export interface TimeScale {
  startMs: number;
  endMs: number;
  /** endMs - startMs, at least 1 ms so a zero-length run still draws. */
  spanMs: number;
}

/** A bar's position in percent of the axis width. */
export interface BarGeometry {
  leftPct: number;
  widthPct: number;
  /** The span lies wholly outside the axis (a zoomed-in view): draw no bar. */
  outside: boolean;
  /** Where its duration label fits: after the bar, or before it when the bar reaches the right edge. */
  labelSide: "right" | "left";
}

/** One axis tick. */
export interface TimeTick {
  pct: number;
  label: string;
}

/** The axis from the run's first start to its last end. */
export function timeScale(startMs: number, endMs: number): TimeScale {
  const end = Math.max(startMs, endMs);
  return { startMs, endMs: end, spanMs: Math.max(1, end - startMs) };
}

/**
 * A bar for [startMs, endMs]: clamped to the axis (clock skew may put a span outside
 * its run) and at least `minPct` wide so instant spans stay visible and clickable.
 */
export function barGeometry(scale: TimeScale, startMs: number, endMs: number, minPct = 0.4): BarGeometry {
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  const left = clamp(((startMs - scale.startMs) / scale.spanMs) * 100);
  const right = clamp(((Math.max(startMs, endMs) - scale.startMs) / scale.spanMs) * 100);
  const width = Math.max(minPct, right - left);
  const outside = Math.max(startMs, endMs) < scale.startMs || startMs > scale.endMs;
  const leftPct = Math.min(left, 100 - width);
  return { leftPct, widthPct: width, outside, labelSide: leftPct + width > 80 ? "left" : "right" };
}

/** Narrowest window zooming goes to. */
const MIN_ZOOM_MS = 1;

/**
 * The axis zoomed by `factor` (2 = twice as close, 0.5 = back out) around `centerMs`,
 * kept inside `full` (the run's own axis): zooming out never goes past the whole run.
 */
export function zoomScale(full: TimeScale, current: TimeScale, factor: number, centerMs = (current.startMs + current.endMs) / 2): TimeScale {
  const width = Math.min(full.spanMs, Math.max(MIN_ZOOM_MS, current.spanMs / factor));
  let start = centerMs - width / 2;
  start = Math.max(full.startMs, Math.min(start, full.endMs - width));
  return timeScale(start, start + width);
}

/** True when the axis shows the whole run. */
export function isFullScale(full: TimeScale, current: TimeScale): boolean {
  return current.startMs <= full.startMs && current.endMs >= full.endMs;
}

/** Round steps from a second up: seconds, then minutes, then hours people count in. */
const CLOCK_STEPS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** A round step not below `raw`: 1-2-5 below a second, clock steps above. */
function niceStep(raw: number): number {
  if (raw >= 1000) {
    const clock = CLOCK_STEPS.find((s) => s >= raw);
    if (clock !== undefined) return clock;
  }
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/**
 * Ticks at round offsets from the run start (`originMs`, the axis start unless zoomed),
 * at most `maxTicks` + 1 of them, labelled as offsets from the run start.
 */
export function timeTicks(scale: TimeScale, maxTicks = 6, originMs = scale.startMs): TimeTick[] {
  const step = niceStep(scale.spanMs / Math.max(1, maxTicks));
  const ticks: TimeTick[] = [];
  const first = Math.ceil((scale.startMs - originMs - 1e-9) / step) * step;
  for (let t = first; t <= scale.endMs - originMs + 1e-9; t += step) {
    ticks.push({ pct: ((t + originMs - scale.startMs) / scale.spanMs) * 100, label: formatOffset(t, step) });
  }
  return ticks;
}

/** An offset from the run start, in the unit that suits the tick step. */
export function formatOffset(ms: number, step = ms): string {
  if (step < 1) return `${ms.toFixed(2)} ms`;
  if (step < 1000) return `${Math.round(ms)} ms`;
  if (step < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

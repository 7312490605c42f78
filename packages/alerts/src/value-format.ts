/**
 * Values as people read them in alert messages and Slack text: dollars with cents (or
 * four decimals under a cent), grouped token counts, durations, percentages.
 */
import type { RuleUnit } from "./rule-kinds";

/** US dollars: $1.23, $0.0042. */
export function formatUsd(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** Seconds as "45 s", "12 min 3 s", "2 h 5 min". */
export function formatSeconds(sec: number): string {
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const m = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ""}`;
}

/** A window length: "1 h", "15 min", "1 d". */
export function formatWindow(sec: number): string {
  if (sec % 86_400 === 0) return `${sec / 86_400} d`;
  return formatSeconds(sec);
}

/** A value in its unit. */
export function formatValue(unit: RuleUnit, value: number): string {
  switch (unit) {
    case "usd":
      return formatUsd(value);
    case "tokens":
      return `${Math.round(value).toLocaleString("en-US")} tokens`;
    case "seconds":
      return formatSeconds(value);
    case "ratio":
      return `${Math.round(value * 1000) / 10}%`;
    case "repeats":
      return `${Math.round(value)} repeats`;
    case "runs":
      return `${Math.round(value)} runs`;
  }
}

/** A clock time in UTC: "14:20 UTC". */
export function formatUtcClock(d: Date): string {
  return `${d.toISOString().slice(11, 16)} UTC`;
}

/** Span content (run names, user ids) cut to a length fit for a one-line message. */
export function clipText(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

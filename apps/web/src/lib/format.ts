/** Number and time formatting shared by the pages. */

/** US dollars with precision that fits small LLM costs. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "—";
  if (usd === 0) return "$0";
  return `${usd < 0 ? "−" : ""}$${usdDigits(Math.abs(usd))}`;
}

/**
 * The digits of a positive dollar amount: cents from $0.01, four decimals down to
 * $0.0001, and below that two significant digits in plain decimals ("0.00000060",
 * never "6.0e-7"): sub-cent LLM calls are the common case.
 */
export function usdDigits(v: number): string {
  if (v >= 0.01) return v.toFixed(2);
  if (v >= 0.0001) return v.toFixed(4);
  if (v === 0) return "0";
  // Two significant digits: 6e-7 has its first digit at the 7th decimal.
  const decimals = Math.min(20, 1 - Math.floor(Math.log10(v)));
  return v.toFixed(decimals);
}

/** Token counts with k/M suffixes. */
export function formatTokens(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  return String(n);
}

/** Milliseconds as ms, s, "4 min 5 s" or "2 h 3 min" (rounded once, so never "4 min 60 s"). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * An ISO time as local date and time, with the year when it is not the current one (an
 * imported run from last year read "Jan 1, 12:00:00 AM", as if it were this year's).
 */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const year = d.getFullYear() === now.getFullYear() ? undefined : "numeric";
  return d.toLocaleString(undefined, { year, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

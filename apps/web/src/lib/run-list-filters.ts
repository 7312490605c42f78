/**
 * The runs list's filters as URL parameters (every filter lives in the URL, so a
 * filtered list is a link) and the conversions between what the form shows and what
 * GET /api/v1/runs takes: local date-times <-> ISO-8601, seconds <-> milliseconds.
 * The keys are the runs contract's filters (contracts/runs.ts), so the page and the
 * server cannot disagree on them.
 */
import { RUN_FILTER_KEYS, type RunFilterKey } from "@/contracts/runs";

/** Filter values as the URL holds them. */
export type RunFilterValues = Partial<Record<RunFilterKey, string>>;

/** Keys that live behind "More filters" (the first row holds the rest). */
export const ADVANCED_KEYS: readonly RunFilterKey[] = [
  "from",
  "to",
  "model",
  "service",
  "session",
  "user",
  "task",
  "minCost",
  "maxCost",
  "minTokens",
  "maxTokens",
  "minDurationMs",
  "maxDurationMs",
];

/** Quick time ranges: how far back `from` goes. */
export const TIME_PRESETS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
/** One quick time range. */
export type TimePreset = keyof typeof TIME_PRESETS;

/** Reads the filters from URL search params (empty values dropped). */
export function readRunFilters(params: { get(key: string): string | null }): RunFilterValues {
  const out: RunFilterValues = {};
  for (const key of RUN_FILTER_KEYS) {
    const v = params.get(key);
    if (v !== null && v !== "") out[key] = v;
  }
  return out;
}

/** The filters that are set among `keys`. */
export function countActive(values: RunFilterValues, keys: readonly RunFilterKey[] = RUN_FILTER_KEYS): number {
  return keys.filter((k) => values[k] !== undefined && values[k] !== "").length;
}

/** An ISO time as a `datetime-local` input value (local time, minutes); "" when unset or invalid. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as ISO-8601 (UTC); undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Seconds typed in the form as the API's milliseconds; undefined when empty or not a number. */
export function secondsToMs(value: string): string | undefined {
  const n = Number(value);
  return value.trim() === "" || !Number.isFinite(n) || n < 0 ? undefined : String(Math.round(n * 1000));
}

/** Milliseconds from the URL as seconds for the form. */
export function msToSeconds(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  const n = Number(value);
  return Number.isFinite(n) ? String(n / 1000) : "";
}

/** A non-negative number typed in the form, as the URL keeps it; undefined when empty or invalid. */
export function cleanNumber(value: string): string | undefined {
  const n = Number(value);
  return value.trim() === "" || !Number.isFinite(n) || n < 0 ? undefined : String(n);
}

/** `from` for a quick range ending now. */
export function presetFrom(preset: TimePreset, nowMs: number): string {
  return new Date(nowMs - TIME_PRESETS[preset]).toISOString();
}

/** The quick range a `from` (with no `to`) matches, within a minute, else null. */
export function matchPreset(values: RunFilterValues, nowMs: number): TimePreset | null {
  if (!values.from || values.to) return null;
  const from = Date.parse(values.from);
  if (Number.isNaN(from)) return null;
  for (const [preset, span] of Object.entries(TIME_PRESETS) as [TimePreset, number][]) {
    if (Math.abs(nowMs - span - from) < 60_000) return preset;
  }
  return null;
}

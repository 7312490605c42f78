/**
 * Time ranges and bucket widths of the dashboard, shared by the page (presets in the
 * URL) and GET /api/v1/dashboard (from, to, bucket). No React, no database: the bucket
 * table mirrors @onset/db's DASHBOARD_BUCKETS (a test keeps them equal) so the browser
 * bundle never pulls the database package in.
 */

/** Bucket widths in seconds, narrowest first. */
export const BUCKET_SECONDS = {
  "1m": 60,
  "5m": 300,
  "15m": 900,
  "1h": 3600,
  "6h": 21_600,
  "1d": 86_400,
} as const;

/** A bucket width name. */
export type Bucket = keyof typeof BUCKET_SECONDS;

/** Bucket names, narrowest first. */
export const BUCKETS = Object.keys(BUCKET_SECONDS) as Bucket[];

/** Range presets the page offers, in milliseconds. */
export const RANGE_PRESETS = {
  "1h": 3600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
} as const;

/** A preset name. */
export type RangePreset = keyof typeof RANGE_PRESETS;

/** Most points a chart gets from the automatic bucket (enough detail, still readable). */
export const AUTO_MAX_POINTS = 200;

/** The narrowest bucket giving at most AUTO_MAX_POINTS points over `spanMs`. */
export function autoBucket(spanMs: number): Bucket {
  for (const b of BUCKETS) if (spanMs / 1000 / BUCKET_SECONDS[b] <= AUTO_MAX_POINTS) return b;
  return "1d";
}

/** A resolved dashboard range. */
export interface ResolvedRange {
  from: Date;
  to: Date;
  bucket: Bucket;
}

/**
 * Fills what the caller left out: `to` defaults to now, `from` to 24 hours before `to`,
 * the bucket to {@link autoBucket}. `to` is rounded up to the next minute so that a
 * dashboard refreshed within the same minute asks the same question (and hits the cache).
 */
export function resolveRange(q: { from?: Date; to?: Date; bucket?: Bucket }, nowMs: number): ResolvedRange {
  const to = q.to ?? new Date(Math.ceil(nowMs / 60_000) * 60_000);
  const from = q.from ?? new Date(to.getTime() - RANGE_PRESETS["24h"]);
  return { from, to, bucket: q.bucket ?? autoBucket(to.getTime() - from.getTime()) };
}

/** from/to of a preset ending now (to rounded up to the minute, as resolveRange does). */
export function presetRange(preset: RangePreset, nowMs: number): { from: Date; to: Date } {
  const to = new Date(Math.ceil(nowMs / 60_000) * 60_000);
  return { from: new Date(to.getTime() - RANGE_PRESETS[preset]), to };
}

/**
 * Tooltip title of a bucket: its start in local time, as the rest of the app shows times
 * (lib/format.ts formatTime), without seconds; a day bucket is its date.
 */
export function bucketTitle(iso: string, bucket: Bucket): string {
  const d = new Date(iso);
  if (bucket === "1d") return d.toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric", year: "numeric" });
  return d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Axis label of a bucket start: time of day for sub-day buckets within one day, else date (and time). */
export function bucketLabel(iso: string, bucket: Bucket, spanMs: number): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (bucket === "1d") return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  if (spanMs <= RANGE_PRESETS["24h"]) return time;
  return `${d.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${time}`;
}

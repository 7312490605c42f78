"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import type { ResponseOf } from "@/contracts/endpoint";
import type { dashboardEndpoint } from "@/contracts/dashboard";
import { apiGet } from "@/lib/api-client";
import type { RunPage } from "@/contracts/runs";
import { BUCKETS, presetRange, RANGE_PRESETS, type Bucket, type RangePreset } from "@/lib/dashboard-range";
import { chartPoints, hasData } from "@/lib/dashboard-series";
import { formatDuration } from "@/lib/format";
import { costText, tokensText, withoutUsageNote } from "@/lib/usage-text";
import { EmptyRuns } from "../runs/empty-runs";
import { CostTokensChart, RunsErrorsChart } from "./dashboard-charts";
import { CostliestRuns, LoopRuns, TopModels } from "./dashboard-tables";
import styles from "./dashboard.module.css";
import { QueryStatus, RELOAD_HINT } from "../query-status";

const PRESETS = Object.keys(RANGE_PRESETS) as RangePreset[];

/** A headline number. */
function Tile({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className={`card ${styles.tile}`} data-testid={testId}>
      <div className={styles.tileLabel}>{label}</div>
      <div className={styles.tileValue}>{value}</div>
      {note && <div className="muted small">{note}</div>}
    </div>
  );
}

/** The project dashboard: range and bucket in the URL, charts, headline numbers and top lists. */
export function DashboardView() {
  const params = useSearchParams();
  const router = useRouter();
  const preset = (PRESETS as string[]).includes(params.get("range") ?? "") ? (params.get("range") as RangePreset) : "24h";
  const bucketParam = params.get("bucket");
  const bucket = bucketParam && (BUCKETS as string[]).includes(bucketParam) ? (bucketParam as Bucket) : undefined;
  // The range ends at the next whole minute: refetches within a minute share a cache key.
  const { from, to } = presetRange(preset, Date.now());
  const query = useQuery({
    queryKey: ["dashboard", preset, bucket ?? "auto", to.toISOString()],
    queryFn: () => apiGet<ResponseOf<typeof dashboardEndpoint>>("/dashboard", { from: from.toISOString(), to: to.toISOString(), bucket }),
    refetchInterval: 30_000,
    placeholderData: (prev) => prev,
  });
  // Whether the project has any run at all decides between "no data here" and "send data".
  const anyRun = useQuery({
    queryKey: ["runs", "any"],
    queryFn: () => apiGet<RunPage>("/runs", { limit: 1 }),
    enabled: query.isSuccess && query.data.totals.runs === 0,
  });
  const set = (key: string, value: string | undefined) => {
    const qs = new URLSearchParams(params);
    if (value) qs.set(key, value);
    else qs.delete(key);
    router.replace(`/dashboard?${qs}`, { scroll: false });
  };

  const d = query.data;
  const spanMs = to.getTime() - from.getTime();
  const points = d ? chartPoints(d.series, d.bucket, spanMs) : [];
  return (
    <section>
      <div className={styles.titleRow}>
        <h1>Dashboard</h1>
        <span className="spacer" />
        <div className={styles.segmented} role="group" aria-label="Time range">
          {PRESETS.map((p) => (
            <button key={p} className={p === preset ? styles.segOn : styles.segOff} aria-pressed={p === preset} onClick={() => set("range", p === "24h" ? undefined : p)}>
              {p}
            </button>
          ))}
        </div>
        <select aria-label="Bucket" value={bucket ?? ""} onChange={(e) => set("bucket", e.target.value || undefined)}>
          <option value="">auto buckets{d && !bucket ? ` (${d.bucket})` : ""}</option>
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              per {b}
            </option>
          ))}
        </select>
      </div>

      <QueryStatus
        query={query}
        loading="Loading the dashboard…"
        failed="Could not load the dashboard"
        hint={query.error?.message.includes("buckets") ? "Pick a wider bucket or a shorter range." : RELOAD_HINT}
      />

      {d && d.totals.runs === 0 && anyRun.data?.runs.length === 0 && <EmptyRuns />}
      {d && d.totals.runs === 0 && anyRun.data && anyRun.data.runs.length > 0 && (
        <div className="card empty">
          <h2>No runs started in the last {preset}</h2>
          <p>
            Older runs exist: pick a longer range above, or open the <Link href="/runs">runs list</Link>.
          </p>
        </div>
      )}

      {d && d.totals.runs > 0 && (
        <>
          <div className={styles.tiles}>
            <Tile label="Runs" value={String(d.totals.runs)} testId="tile-runs" />
            <Tile
              label="Error rate"
              value={d.totals.errorRate === null ? "—" : `${(d.totals.errorRate * 100).toFixed(1)}%`}
              note={`${d.totals.errorRuns} failed`}
            />
            <Tile
              label="Cost"
              value={costText(d.totals)}
              note={
                [d.totals.unpricedSpans > 0 ? `+ ${d.totals.unpricedSpans} unpriced spans` : null, withoutUsageNote(d.totals.llmSpansWithoutUsage)]
                  .filter((x) => x !== null)
                  .join(", ") || undefined
              }
              testId="tile-cost"
            />
            <Tile label="Tokens in / out" value={tokensText(d.totals)} />
            <Tile label="Duration p95" value={formatDuration(d.totals.p95DurationMs)} note={`mean ${formatDuration(d.totals.avgDurationMs)}`} />
            <Tile label="Loops" value={String(d.totals.loops)} note={`in ${d.totals.runsWithLoops} run${d.totals.runsWithLoops === 1 ? "" : "s"}`} />
          </div>
          {hasData(d.series) && (
            <div className={styles.charts}>
              <CostTokensChart points={points} />
              <RunsErrorsChart points={points} />
            </div>
          )}
          <div className={styles.lists}>
            <TopModels models={d.topModels} />
            <CostliestRuns runs={d.costliestRuns} />
            <LoopRuns runs={d.loopRuns} />
          </div>
        </>
      )}
    </section>
  );
}

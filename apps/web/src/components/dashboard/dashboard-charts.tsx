"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART, SERIES } from "@/lib/chart-theme";
import { costAxis, niceTicks } from "@/lib/chart-ticks";
import type { ChartPoint } from "@/lib/dashboard-series";
import { formatCost, formatTokens } from "@/lib/format";
import styles from "./dashboard.module.css";

const COLORS = SERIES;

/** Cost per bucket (bars in the accent colour — red means failure here — on an evenly ticked left axis) and tokens per bucket (line, right axis). */
export function CostTokensChart({ points }: { points: ChartPoint[] }) {
  const axis = costAxis(Math.max(0, ...points.map((p) => p.costUsd)));
  const tokenTicks = niceTicks(Math.max(0, ...points.map((p) => p.tokens)));
  return (
    <div className={`card ${styles.chartCard}`} data-testid="chart-cost-tokens">
      <h2>Cost and tokens</h2>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="label" tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} minTickGap={24} />
          <YAxis yAxisId="cost" tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} width={72} ticks={axis.ticks} domain={axis.domain} interval={0} tickFormatter={axis.label} />
          <YAxis
            yAxisId="tokens"
            orientation="right"
            tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine}
            width={56}
            ticks={tokenTicks}
            domain={[0, tokenTicks[tokenTicks.length - 1]!]}
            interval={0}
            tickFormatter={(v: number) => formatTokens(v)}
          />
          <Tooltip
            {...CHART.tooltip}
            formatter={(value, name) => (name === "Cost" ? formatCost(Number(value)) : formatTokens(Number(value)))}
            labelFormatter={(_, payload) => (payload?.[0]?.payload as ChartPoint | undefined)?.title ?? ""}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="cost" dataKey="costUsd" name="Cost" fill={COLORS.cost} maxBarSize={28} isAnimationActive={false} />
          <Line yAxisId="tokens" dataKey="tokens" name="Tokens" stroke={COLORS.tokens} dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Runs per bucket (stacked ok/failed bars) and the error rate (line, right axis, %). */
export function RunsErrorsChart({ points }: { points: ChartPoint[] }) {
  return (
    <div className={`card ${styles.chartCard}`} data-testid="chart-runs-errors">
      <h2>Runs and error rate</h2>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="label" tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} minTickGap={24} />
          <YAxis yAxisId="runs" allowDecimals={false} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} width={40} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} width={44} tickFormatter={(v: number) => `${v}%`} />
          <Tooltip
            {...CHART.tooltip}
            formatter={(value, name) => (name === "Error rate" ? `${value}%` : String(value))}
            labelFormatter={(_, payload) => (payload?.[0]?.payload as ChartPoint | undefined)?.title ?? ""}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="runs" dataKey="okRuns" name="Succeeded / running" stackId="runs" fill={COLORS.ok} maxBarSize={28} isAnimationActive={false} />
          <Bar yAxisId="runs" dataKey="errorRuns" name="Failed" stackId="runs" fill={COLORS.error} maxBarSize={28} isAnimationActive={false} />
          <Line
            yAxisId="rate"
            dataKey="errorRatePct"
            name="Error rate"
            stroke={COLORS.rate}
            dot={{ r: 2 }}
            strokeWidth={1.5}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

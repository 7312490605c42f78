"use client";
/**
 * The cost tab: cost and tokens by model, agent, tool and step (recharts). Token bars
 * are stacked from disjoint parts (uncached input, cache read, cache write, output,
 * reasoning: lib/run-cost-data.ts). Labels are span-derived text, drawn as SVG text.
 */
import type { RunBreakdown } from "@onset/analysis";
import type { ReactElement } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART, SERIES } from "@/lib/chart-theme";
import { costAxis } from "@/lib/chart-ticks";
import { TOKEN_SERIES, costData, splitTokens, stepCostData, type CostDatum } from "@/lib/run-cost-data";
import { formatCost, formatTokens } from "@/lib/format";
import styles from "./run.module.css";

const money = (v: unknown) => formatCost(Number(v));
/** Axis labels are names from spans: long model ids are cut so the bars keep their room. */
const short = (v: unknown) => {
  const text = String(v);
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
};
const count = (v: unknown) => formatTokens(Number(v));

/** Cost and token charts of one run. */
export function CostView({ breakdown }: { breakdown: RunBreakdown }) {
  const total = splitTokens(breakdown.total.tokens);
  return (
    <div className={styles.costGrid} data-testid="cost-view">
      <section className={`card ${styles.costTotals}`} data-testid="cost-totals">
        <h2>Run total: {formatCost(breakdown.total.costUsd)}</h2>
        <p className="small">
          {TOKEN_SERIES.map((s) => (
            <span key={s.key} className={styles.legendItem}>
              <span className={styles.swatch} style={{ background: s.color }} /> {s.name} {formatTokens(total[s.key])}
            </span>
          ))}
        </p>
      </section>
      <Dimension title="By model" data={costData(breakdown.byModel)} testId="cost-by-model" />
      <Dimension title="By agent" data={costData(breakdown.byAgent)} testId="cost-by-agent" />
      <Dimension title="By tool" data={costData(breakdown.byTool)} testId="cost-by-tool" note="Tools cost what they report themselves; the model calls that issued them are counted under models and steps." />
      <Dimension title="By step" data={stepCostData(breakdown.byStep)} testId="cost-by-step" wide />
    </div>
  );
}

/** Cost bars: the accent colour (red is for failures), not the error red. */
const COST_FILL = SERIES.cost;

function Dimension({ title, data, testId, note, wide }: { title: string; data: CostDatum[]; testId: string; note?: string; wide?: boolean }) {
  const height = wide ? 260 : Math.max(160, 40 + data.length * 28);
  // Even ticks with one number of decimals ($0.01, $0.02, … never $0.01, $0.03, $0.04).
  const axis = costAxis(Math.max(0, ...data.map((d) => d.costUsd)));
  return (
    <section className={`card ${styles.costCard} ${wide ? styles.costWide : ""}`} data-testid={testId}>
      <h2>{title}</h2>
      {note && <p className="muted small">{note}</p>}
      {data.length === 0 ? (
        <p className="muted small">Nothing recorded.</p>
      ) : data.every((d) => d.costUsd === 0 && TOKEN_SERIES.every((t) => d[t.key] === 0)) ? (
        // Empty bars say nothing: list the calls instead.
        <p className="small" data-testid="cost-no-usage">
          No cost or tokens reported.{" "}
          {data.map((d) => `${d.key} ${d.calls ?? 0}×${d.errors ? ` (${d.errors} failed)` : ""}`).join(" · ")}
        </p>
      ) : wide ? (
        <div className={styles.chartPair}>
          <Chart title="Cost" height={height}>
            <BarChart data={data} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART.grid} />
              <XAxis dataKey="key" tick={{ ...CHART.tick, fontSize: 10 }} stroke={CHART.axisLine} interval="preserveStartEnd" minTickGap={12} />
              <YAxis ticks={axis.ticks} domain={axis.domain} interval={0} tickFormatter={axis.label} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} width={72} />
              <Tooltip formatter={money} {...CHART.tooltip} />
              <Bar dataKey="costUsd" name="cost" fill={COST_FILL} isAnimationActive={false} />
            </BarChart>
          </Chart>
          <Chart title="Tokens" height={height}>
            <BarChart data={data} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART.grid} />
              <XAxis dataKey="key" tick={{ ...CHART.tick, fontSize: 10 }} stroke={CHART.axisLine} interval="preserveStartEnd" minTickGap={12} />
              <YAxis tickFormatter={count} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} width={56} />
              <Tooltip formatter={count} {...CHART.tooltip} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {TOKEN_SERIES.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.name} stackId="t" fill={s.color} isAnimationActive={false} />
              ))}
            </BarChart>
          </Chart>
        </div>
      ) : (
        <div className={styles.chartPair}>
          <Chart title="Cost" height={height}>
            <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={CHART.grid} />
              <XAxis type="number" ticks={axis.ticks} domain={axis.domain} interval={0} tickFormatter={axis.label} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} />
              <YAxis type="category" dataKey="key" width={160} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} tickFormatter={short} />
              <Tooltip formatter={money} {...CHART.tooltip} />
              <Bar dataKey="costUsd" name="cost" fill={COST_FILL} isAnimationActive={false} />
            </BarChart>
          </Chart>
          <Chart title="Tokens" height={height}>
            <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={CHART.grid} />
              <XAxis type="number" tickFormatter={count} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} />
              <YAxis type="category" dataKey="key" width={160} tick={{ ...CHART.tick, fontSize: 11 }} stroke={CHART.axisLine} tickFormatter={short} />
              <Tooltip formatter={count} {...CHART.tooltip} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {TOKEN_SERIES.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.name} stackId="t" fill={s.color} isAnimationActive={false} />
              ))}
            </BarChart>
          </Chart>
        </div>
      )}
    </section>
  );
}

function Chart({ title, height, children }: { title: string; height: number; children: ReactElement }) {
  return (
    <figure className={styles.chart} data-testid="cost-chart">
      <figcaption className="small muted">{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

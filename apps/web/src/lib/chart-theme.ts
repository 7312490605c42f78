/**
 * Colours of the charts (recharts) and the run graph (reactflow), as CSS variables of the
 * app's palette (app/globals.css), so they follow the system's light or dark setting
 * like the rest of the app. SVG presentation attributes and inline styles both take
 * `var(--…)`.
 */

/** Grid lines, axis lines and tick labels, tooltip box and hover band. */
export const CHART = {
  grid: "var(--chart-grid)",
  axisLine: "var(--line)",
  tick: { fill: "var(--muted)" },
  tooltip: {
    contentStyle: { background: "var(--card)", border: "1px solid var(--line)", color: "var(--fg)", borderRadius: 6 },
    labelStyle: { color: "var(--fg)" },
    itemStyle: { color: "var(--fg)" },
    cursor: { fill: "var(--hover)", fillOpacity: 0.6 },
  },
} as const;

/** Series colours. */
export const SERIES = {
  cost: "var(--chart-cost)",
  tokens: "var(--warn)",
  ok: "var(--chart-ok)",
  error: "var(--error)",
  rate: "var(--muted)",
  tokenInput: "var(--chart-token-input)",
  tokenCacheRead: "var(--chart-token-cache-read)",
  tokenCacheWrite: "var(--chart-token-cache-write)",
  tokenOutput: "var(--chart-token-output)",
  tokenReasoning: "var(--chart-token-reasoning)",
} as const;

/**
 * How a DAG node and edge look: boxes sized by cost (area grows with the square root,
 * so one expensive model does not dwarf everything), coloured by kind, tinted red by
 * the share of calls that failed; edge labels with counts, errors and cost.
 */
import type { DagEdge, DagNode } from "@onset/analysis";

/** Box size range, px. */
export const DAG_NODE_SIZE = { minWidth: 150, maxWidth: 250, minHeight: 64, maxHeight: 100 } as const;

/** Colours of a node box. */
export interface DagNodeColors {
  background: string;
  border: string;
}

// CSS variables of the app's palette (app/globals.css): light or dark with the system.
const KIND_BORDER: Record<DagNode["kind"], string> = { agent: "var(--dag-agent-border)", tool: "var(--dag-tool-border)", model: "var(--dag-model-border)" };
const KIND_FILL: Record<DagNode["kind"], string> = { agent: "var(--dag-agent-bg)", tool: "var(--dag-tool-bg)", model: "var(--dag-model-bg)" };

/** Box size for a node costing `costUsd` when the run's dearest node costs `maxCostUsd`. */
export function dagNodeSize(costUsd: number, maxCostUsd: number): { width: number; height: number } {
  const share = maxCostUsd > 0 ? Math.sqrt(Math.max(0, costUsd) / maxCostUsd) : 0;
  const { minWidth, maxWidth, minHeight, maxHeight } = DAG_NODE_SIZE;
  return { width: Math.round(minWidth + share * (maxWidth - minWidth)), height: Math.round(minHeight + share * (maxHeight - minHeight)) };
}

/** Colours for a node: its kind's, turning red as the share of failed calls grows. */
export function dagNodeColors(node: Pick<DagNode, "kind" | "errors" | "count">): DagNodeColors {
  if (node.errors <= 0) return { background: KIND_FILL[node.kind], border: KIND_BORDER[node.kind] };
  const share = Math.min(1, node.errors / Math.max(1, node.count));
  // The error colour mixed into the card's, 8% (a few errors) up to 30% (all failed).
  const percent = Math.round(8 + share * 22);
  return { background: `color-mix(in srgb, var(--error) ${percent}%, var(--card))`, border: "var(--error)" };
}

/** Colour of an edge: red with failures, the warning colour for hand-offs, else grey. */
export function dagEdgeColor(edge: Pick<DagEdge, "kind" | "errors">): string {
  return edge.errors > 0 ? "var(--error)" : edge.kind === "handoff" ? "var(--warn)" : "var(--dag-edge)";
}

/** Edge label: call count, failures, and cost when there is any. */
export function dagEdgeLabel(edge: Pick<DagEdge, "kind" | "count" | "errors" | "costUsd">): string {
  const parts = [edge.kind === "handoff" ? `hand-off ×${edge.count}` : `${edge.count}×`];
  if (edge.errors > 0) parts.push(`${edge.errors} err`);
  if (edge.costUsd > 0) parts.push(edge.costUsd < 0.01 ? `$${edge.costUsd.toFixed(4)}` : `$${edge.costUsd.toFixed(2)}`);
  return parts.join(" · ");
}

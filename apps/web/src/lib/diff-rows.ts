/**
 * Rows of the diff page's two aligned columns (docs/spec/run-diff.md §8 "display"): one row per
 * aligned position (match, substitution, insertion, deletion), the first divergence t*
 * marked, and long stretches of unchanged rows folded into gaps around the changes. No
 * React: the component only maps these rows to elements.
 */
import { usdDigits } from "./format";
import { divergenceTypeText, eventLabel, type EventRefLike } from "./diff-labels";

/** The parts of a diff response the rows read (a structural subset of DiffResponse). */
export interface DiffRowsInput {
  firstDivergence: { index: number } | null;
  /** Where the content first diverges before t* (a different edit, or the decision behind it), or null. */
  contentDivergence: { index: number; actionIndex: number } | null;
  pairs: readonly {
    index: number;
    op: "match" | "substitution" | "insertion" | "deletion";
    type: string | null;
    a: (EventRefLike & { spanId: string; step: number }) | null;
    b: (EventRefLike & { spanId: string; step: number }) | null;
    deltas: { tokens: number | null; costUsd: number | null; latencyMs: number | null };
    annotations: { arguments?: TextDiffLike; output?: TextDiffLike } | null;
  }[];
  spans: { a: Record<string, { name: string; status: string }>; b: Record<string, { name: string; status: string }> };
}

/** A content diff as the analysis returns it. */
export interface TextDiffLike {
  mode: "words" | "lines";
  parts: { op: "equal" | "removed" | "added"; text: string }[];
  truncated: boolean;
}

/** One side of a row. */
export interface DiffRowSide {
  spanId: string;
  step: number;
  agent: string | null;
  eventType: string;
  signature: string;
  label: string;
  /** Name of the span the event came from (untrusted text). */
  spanName: string | null;
  spanStatus: string | null;
}

/** One aligned position. */
export interface DiffRow {
  index: number;
  op: "match" | "substitution" | "insertion" | "deletion";
  /** Structural difference type, null for a match (and for pairs that differ only lexically). */
  type: string | null;
  typeText: string;
  /** This row is t*. */
  first: boolean;
  /** This row is where the content first diverges (before t*): a different decision or edit with the same structure. */
  contentFirst: boolean;
  /** This row's action (a tool call's arguments) differs as part of that content divergence. */
  contentAction: boolean;
  a: DiffRowSide | null;
  b: DiffRowSide | null;
  deltas: { tokens: number | null; costUsd: number | null; latencyMs: number | null };
  annotations: { arguments?: TextDiffLike; output?: TextDiffLike } | null;
}

/** A folded run of unchanged rows. */
export interface DiffGap {
  kind: "gap";
  /** Index of the first and last row folded. */
  from: number;
  to: number;
  count: number;
}

/** What the aligned table renders: rows and gaps. */
export type DiffItem = ({ kind: "row" } & DiffRow) | DiffGap;

function side(ref: DiffRowsInput["pairs"][number]["a"], spans: Record<string, { name: string; status: string }>): DiffRowSide | null {
  if (!ref) return null;
  const span = spans[ref.spanId];
  return {
    spanId: ref.spanId,
    step: ref.step,
    agent: ref.agent,
    eventType: ref.type,
    signature: ref.signature,
    label: eventLabel(ref),
    spanName: span?.name ?? null,
    spanStatus: span?.status ?? null,
  };
}

/** The rows of a diff, in alignment order. */
export function buildDiffRows(d: DiffRowsInput): DiffRow[] {
  return d.pairs.map((p) => ({
    index: p.index,
    op: p.op,
    type: p.type,
    typeText: divergenceTypeText(p.type),
    first: d.firstDivergence?.index === p.index,
    contentFirst: d.contentDivergence?.index === p.index,
    contentAction: d.contentDivergence?.actionIndex === p.index,
    a: side(p.a, d.spans.a),
    b: side(p.b, d.spans.b),
    deltas: p.deltas,
    annotations: p.annotations,
  }));
}

/** A row worth showing even when unchanged rows are folded: a structural change, t*, the content divergence, or a content change. */
export function isNotable(r: DiffRow): boolean {
  return r.op !== "match" || r.type !== null || r.first || r.contentFirst || r.contentAction || r.annotations !== null;
}

/**
 * Folds unchanged stretches: keeps `context` rows around every notable row, and folds
 * any other stretch longer than `minGap` rows into a gap (a gap of one row saves nothing).
 */
export function foldRows(rows: readonly DiffRow[], context = 2, minGap = 3): DiffItem[] {
  const keep = new Array<boolean>(rows.length).fill(false);
  rows.forEach((r, i) => {
    if (!isNotable(r)) return;
    for (let k = Math.max(0, i - context); k <= Math.min(rows.length - 1, i + context); k++) keep[k] = true;
  });
  const out: DiffItem[] = [];
  let i = 0;
  while (i < rows.length) {
    if (keep[i]) {
      out.push({ kind: "row", ...rows[i]! });
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && !keep[j]) j++;
    if (j - i >= minGap) out.push({ kind: "gap", from: rows[i]!.index, to: rows[j - 1]!.index, count: j - i });
    else for (let k = i; k < j; k++) out.push({ kind: "row", ...rows[k]! });
    i = j;
  }
  return out;
}

/** A signed delta for a cell: "+1.2k tok", "−$0.0030", "+350 ms"; "" for none or zero. */
export function formatDelta(value: number | null, unit: "tokens" | "usd" | "ms"): string {
  if (value === null || value === 0 || !Number.isFinite(value)) return "";
  const sign = value > 0 ? "+" : "−";
  const v = Math.abs(value);
  if (unit === "tokens") return `${sign}${v >= 10_000 ? `${Math.round(v / 1000)}k` : v >= 1000 ? `${(v / 1000).toFixed(1)}k` : Math.round(v)} tok`;
  // Sub-cent LLM calls are the common case; tiny amounts in plain decimals, never "6.0e-7".
  if (unit === "usd") return `${sign}$${usdDigits(v)}`;
  return `${sign}${v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`}`;
}

/**
 * The internal index every analysis pass shares: spans deduplicated, put in a stable
 * order, linked to parents and children. Built once per run in O(n log n) (one sort),
 * with parent cycles broken and missing parents tolerated (docs/spec/design.md §4: orphans kept,
 * clock skew tolerated).
 */
import type { NormalizedSpan, SpanType } from "@onset/otlp";

/** What indexing and the tree need of a span: its identity, place and times, no content. */
export type TreeSpan = Pick<NormalizedSpan, "spanId" | "parentSpanId" | "name" | "type" | "statusCode" | "startTimeMs" | "endTimeMs">;

/** Index of a run's spans; arrays are indexed by position in `spans`. */
export interface SpanIndex<S extends TreeSpan = NormalizedSpan> {
  /** Spans in input order, first occurrence of each span id kept. */
  spans: S[];
  /** Positions into `spans`, sorted: start time, then type rank, then input order. */
  order: number[];
  /** rank[i] = position of span i in `order`. */
  rank: Int32Array;
  /** Parent position, or -1 for a top-level span (no parent, missing parent, or cycle broken). */
  parent: Int32Array;
  /** 1 when the span named a parent that is absent, or sat in a parent cycle. */
  orphan: Uint8Array;
  /** Children positions of each span, in `order`. */
  children: number[][];
  /** Top-level spans (parent -1) in `order`. */
  roots: number[];
  /** Depth below the synthetic run root (top-level spans are 1). */
  depth: Int32Array;
  byId: Map<string, number>;
  duplicateCount: number;
  cycleCount: number;
}

/**
 * Tie-break for spans starting in the same millisecond: containers before what they
 * contain, a decision (llm) before the tools it issued. Importers with a synthetic
 * clock often give a step's llm and tool spans equal start times.
 */
const TYPE_RANK: Record<SpanType, number> = {
  agent: 0,
  chain: 1,
  llm: 2,
  guardrail: 3,
  embedding: 3,
  retriever: 4,
  other: 4,
  tool: 5,
};

/** Builds the index. Never mutates the input spans or the input array. */
export function indexSpans<S extends TreeSpan = NormalizedSpan>(input: readonly S[]): SpanIndex<S> {
  const byId = new Map<string, number>();
  const spans: S[] = [];
  let duplicateCount = 0;
  for (const span of input) {
    if (byId.has(span.spanId)) {
      duplicateCount++;
      continue;
    }
    byId.set(span.spanId, spans.length);
    spans.push(span);
  }
  const n = spans.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const sa = spans[a]!;
    const sb = spans[b]!;
    return sa.startTimeMs - sb.startTimeMs || TYPE_RANK[sa.type] - TYPE_RANK[sb.type] || a - b;
  });
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;

  const parent = new Int32Array(n).fill(-1);
  const orphan = new Uint8Array(n);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (const i of order) {
    const pid = spans[i]!.parentSpanId;
    if (pid === null || pid === "") continue;
    const p = byId.get(pid);
    if (p === undefined || p === i) {
      orphan[i] = 1;
      continue;
    }
    parent[i] = p;
    children[p]!.push(i);
  }

  const depth = new Int32Array(n);
  const roots: number[] = [];
  for (const i of order) if (parent[i] === -1) roots.push(i);
  const reached = markDepths(roots, children, depth);
  let cycleCount = 0;
  if (reached < n) {
    // Whatever no root reaches sits on a parent cycle: cut each cycle at its
    // earliest span, which becomes a top-level orphan.
    for (const i of order) {
      if (depth[i] !== 0) continue;
      const cut = earliestOnCycleAbove(i, parent, rank);
      const p = parent[cut]!;
      const siblings = children[p]!;
      siblings.splice(siblings.indexOf(cut), 1);
      parent[cut] = -1;
      orphan[cut] = 1;
      cycleCount++;
      markDepths([cut], children, depth);
    }
    roots.length = 0;
    for (const i of order) if (parent[i] === -1) roots.push(i);
  }
  return { spans, order, rank, parent, orphan, children, roots, depth, byId, duplicateCount, cycleCount };
}

/**
 * Walks up from an unreachable span to the parent cycle it hangs from and returns
 * that cycle's earliest member (a span below a cycle is not itself on it).
 */
function earliestOnCycleAbove(start: number, parent: Int32Array, rank: Int32Array): number {
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  let i = start;
  while (!seenAt.has(i)) {
    seenAt.set(i, path.length);
    path.push(i);
    i = parent[i]!;
  }
  let best = i;
  for (let k = seenAt.get(i)!; k < path.length; k++) if (rank[path[k]!]! < rank[best]!) best = path[k]!;
  return best;
}

/** Iterative DFS writing depths below `starts`; returns how many spans it reached. */
function markDepths(starts: number[], children: number[][], depth: Int32Array): number {
  let count = 0;
  const stack: number[] = [];
  for (const s of starts) {
    depth[s] = 1;
    stack.push(s);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    count++;
    for (const c of children[i]!) {
      if (depth[c] !== 0) continue;
      depth[c] = depth[i]! + 1;
      stack.push(c);
    }
  }
  return count;
}

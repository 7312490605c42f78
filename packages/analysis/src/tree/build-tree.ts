/**
 * The span tree the UI draws: every span nested under its parent, top-level spans and
 * orphans under one synthetic run root, children in start order. Skew is flagged on
 * the node, never corrected: the times shown are the times the agent sent.
 */
import { RUN_ROOT_ID, type SpanTree, type SpanTreeNode } from "../schema/tree-schema";
import { indexSpans, type SpanIndex, type TreeSpan } from "./span-index";

/** Slack below which a child sticking out of its parent is rounding, not skew. */
const SKEW_TOLERANCE_MS = 0.5;

/** Builds the span tree of a run (from whole spans, or from a content-free listing of them: the same tree). */
export function buildTree(spans: readonly TreeSpan[]): SpanTree {
  return treeFromIndex(indexSpans(spans));
}

/** Builds the span tree from an existing index (analyzeRun shares one index). */
export function treeFromIndex(index: SpanIndex<TreeSpan>): SpanTree {
  const { spans, parent, orphan, children, roots, depth } = index;
  const nodes: SpanTreeNode[] = spans.map((s, i) => ({
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    type: s.type,
    status: s.statusCode,
    startTimeMs: s.startTimeMs,
    endTimeMs: s.endTimeMs,
    depth: depth[i]!,
    orphan: orphan[i] === 1,
    skewed: false,
    children: [],
  }));
  let skewedCount = 0;
  let maxDepth = 0;
  for (let i = 0; i < spans.length; i++) {
    const node = nodes[i]!;
    if (node.depth > maxDepth) maxDepth = node.depth;
    for (const c of children[i]!) node.children.push(nodes[c]!);
    const p = parent[i]!;
    if (p >= 0) {
      const ps = spans[p]!;
      const s = spans[i]!;
      if (s.startTimeMs < ps.startTimeMs - SKEW_TOLERANCE_MS || s.endTimeMs > ps.endTimeMs + SKEW_TOLERANCE_MS) {
        node.skewed = true;
        skewedCount++;
      }
    }
  }
  let start = Infinity;
  let end = -Infinity;
  let status: SpanTreeNode["status"] = "unset";
  for (const s of spans) {
    if (s.startTimeMs < start) start = s.startTimeMs;
    if (s.endTimeMs > end) end = s.endTimeMs;
  }
  for (const r of roots) {
    const st = spans[r]!.statusCode;
    if (st === "error") status = "error";
    else if (st === "ok" && status === "unset") status = "ok";
  }
  const root: SpanTreeNode = {
    spanId: RUN_ROOT_ID,
    parentSpanId: null,
    name: spans.length > 0 && roots.length > 0 ? spans[roots[0]!]!.name : "run",
    type: "run",
    status,
    startTimeMs: Number.isFinite(start) ? start : 0,
    endTimeMs: Number.isFinite(end) ? end : 0,
    depth: 0,
    orphan: false,
    skewed: false,
    children: roots.map((r) => nodes[r]!),
  };
  let orphanCount = 0;
  for (let i = 0; i < orphan.length; i++) orphanCount += orphan[i]!;
  return {
    root,
    spanCount: spans.length,
    orphanCount,
    skewedCount,
    duplicateCount: index.duplicateCount,
    cycleCount: index.cycleCount,
    maxDepth,
  };
}

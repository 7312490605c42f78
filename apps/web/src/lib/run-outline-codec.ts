/**
 * The run outline on the wire: the span tree and span facts as columns (one array per
 * field, a row per span in tree pre-order, parents as row numbers, names, models, tools
 * and agents interned in one string table, times as offsets from the run's start)
 * instead of one nested object per span with every key repeated. For a 10,000-span run
 * that is about a third of the bytes, and the browser parses a few arrays instead of
 * tens of thousands of objects. `encodeOutline` runs on the server (the /outline route),
 * `decodeOutline` in the browser; decoding gives back the analyzer's tree and facts.
 */
import type { SpanTree, SpanTreeNode } from "@onset/analysis";
import type { SpanFacts } from "@onset/db";

/** The outline's path under /api/v1 (the run page asks it, and its HTML preloads it). */
export function runOutlinePath(traceId: string): string {
  return `/runs/${encodeURIComponent(traceId)}/outline`;
}

/** Span types and statuses by their number on the wire. */
export const OUTLINE_TYPES: readonly SpanTreeNode["type"][] = ["run", "agent", "llm", "tool", "chain", "retriever", "embedding", "guardrail", "other"];
export const OUTLINE_STATUSES: readonly SpanTreeNode["status"][] = ["unset", "ok", "error"];

/** The facts a span row and the DAG filter read (what GET /outline listed per span before it was columnar): packages/db's SpanFacts. */
export type OutlineFacts = SpanFacts;

/** The columns: entry i of every array is the span at tree row i (pre-order, the run root not included). */
export interface OutlineColumns {
  spanId: string[];
  /** Row of the tree parent, -1 for a top-level span (under the run root). */
  parent: number[];
  /** The span's parent id where it is not its tree parent's id (an orphan's missing parent), by row. */
  detachedParents: Record<string, string>;
  /** Index into `strings`. */
  name: number[];
  /** Index into OUTLINE_TYPES. */
  type: number[];
  /** Index into OUTLINE_STATUSES. */
  status: number[];
  /** Milliseconds from the run's start. */
  start: number[];
  /** Milliseconds from the span's start to its end. */
  duration: number[];
  /** Bit 1: orphan; bit 2: skewed (starts before or ends after its parent). */
  flags: number[];
  /** Index into `strings`, -1 for none. */
  model: number[];
  toolName: number[];
  agentName: number[];
  inputTokens: (number | null)[];
  outputTokens: (number | null)[];
  costUsd: (number | null)[];
}

/** The tree and facts as sent. */
export interface EncodedOutline {
  /** The synthetic run root (its children are the rows with parent -1). */
  root: { name: string; status: SpanTreeNode["status"]; startTimeMs: number; endTimeMs: number };
  counts: Omit<SpanTree, "root">;
  strings: string[];
  spans: OutlineColumns;
}

/** Rounds to a microsecond: offsets stay short on the wire. */
const micro = (ms: number) => Math.round(ms * 1000) / 1000;

/** The columnar form of a run's span tree and its span facts. */
export function encodeOutline(tree: SpanTree, facts: readonly OutlineFacts[]): EncodedOutline {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (s: string | null): number => {
    if (s === null) return -1;
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const factsById = new Map(facts.map((f) => [f.spanId, f]));
  const t0 = tree.root.startTimeMs;
  const c: OutlineColumns = {
    spanId: [], parent: [], detachedParents: {}, name: [], type: [], status: [], start: [], duration: [], flags: [],
    model: [], toolName: [], agentName: [], inputTokens: [], outputTokens: [], costUsd: [],
  };
  // Iterative pre-order: a deep tree must not exhaust the stack.
  const stack: Array<[SpanTreeNode, number]> = [];
  for (let i = tree.root.children.length - 1; i >= 0; i--) stack.push([tree.root.children[i]!, -1]);
  while (stack.length > 0) {
    const [node, parentRow] = stack.pop()!;
    const row = c.spanId.length;
    const f = factsById.get(node.spanId);
    c.spanId.push(node.spanId);
    c.parent.push(parentRow);
    const treeParentId = parentRow >= 0 ? c.spanId[parentRow]! : null;
    if (node.parentSpanId !== treeParentId && node.parentSpanId !== null) c.detachedParents[row] = node.parentSpanId;
    c.name.push(intern(node.name));
    c.type.push(OUTLINE_TYPES.indexOf(node.type));
    c.status.push(OUTLINE_STATUSES.indexOf(node.status));
    c.start.push(micro(node.startTimeMs - t0));
    c.duration.push(micro(node.endTimeMs - node.startTimeMs));
    c.flags.push((node.orphan ? 1 : 0) | (node.skewed ? 2 : 0));
    c.model.push(intern(f?.model ?? null));
    c.toolName.push(intern(f?.toolName ?? null));
    c.agentName.push(intern(f?.agentName ?? null));
    c.inputTokens.push(f?.inputTokens ?? null);
    c.outputTokens.push(f?.outputTokens ?? null);
    c.costUsd.push(f?.costUsd ?? null);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, row]);
  }
  const { root, ...counts } = tree;
  return { root: { name: root.name, status: root.status, startTimeMs: root.startTimeMs, endTimeMs: root.endTimeMs }, counts, strings, spans: c };
}

/** The span tree and span facts back from their columnar form. */
export function decodeOutline(o: EncodedOutline): { tree: SpanTree; spans: OutlineFacts[] } {
  const c = o.spans;
  const t0 = o.root.startTimeMs;
  const str = (i: number) => (i < 0 ? null : o.strings[i]!);
  const root: SpanTreeNode = {
    spanId: "__run__",
    parentSpanId: null,
    name: o.root.name,
    type: "run",
    status: o.root.status,
    startTimeMs: o.root.startTimeMs,
    endTimeMs: o.root.endTimeMs,
    depth: 0,
    orphan: false,
    skewed: false,
    children: [],
  };
  const nodes: SpanTreeNode[] = new Array(c.spanId.length);
  const spans: OutlineFacts[] = new Array(c.spanId.length);
  for (let i = 0; i < c.spanId.length; i++) {
    const p = c.parent[i]!;
    const parent = p < 0 ? root : nodes[p]!;
    const start = t0 + c.start[i]!;
    const node: SpanTreeNode = {
      spanId: c.spanId[i]!,
      parentSpanId: c.detachedParents[i] ?? (p < 0 ? null : parent.spanId),
      name: o.strings[c.name[i]!]!,
      type: OUTLINE_TYPES[c.type[i]!]!,
      status: OUTLINE_STATUSES[c.status[i]!]!,
      startTimeMs: start,
      endTimeMs: start + c.duration[i]!,
      depth: parent.depth + 1,
      orphan: (c.flags[i]! & 1) !== 0,
      skewed: (c.flags[i]! & 2) !== 0,
      children: [],
    };
    nodes[i] = node;
    parent.children.push(node);
    spans[i] = {
      spanId: node.spanId,
      model: str(c.model[i]!),
      toolName: str(c.toolName[i]!),
      agentName: str(c.agentName[i]!),
      inputTokens: c.inputTokens[i]!,
      outputTokens: c.outputTokens[i]!,
      costUsd: c.costUsd[i]!,
    };
  }
  return { tree: { root, ...o.counts }, spans };
}

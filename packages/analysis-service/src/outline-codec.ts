/**
 * The run outline on the wire: the span tree and span facts as columns (one array per
 * field, a row per span in tree pre-order, parents as row numbers, names, models, tools
 * and agents interned in one string table, times as offsets from the run's start)
 * instead of one nested object per span with every key repeated. For a 10,000-span run
 * that is about a third of the bytes, and the browser parses a few arrays instead of
 * tens of thousands of objects. When the run's analysis is stored, the outline stored
 * with it also carries the step and stage grouping (`groups`, each step's spans as row
 * numbers), so the page draws the step and stage rows at once instead of re-grouping the
 * tree when the diagnosis arrives. `encodeOutline` runs on the server (the /outline
 * route, and the analysis' store), `decodeOutline` in the browser (this file imports
 * types only, so the page's bundle takes nothing else from the package); decoding gives
 * back the analyzer's tree, facts and grouping.
 */
import type { AgentSummary, SpanTree, SpanTreeNode, StageSummary, StepSummary } from "@onset/analysis";
import type { SpanFacts } from "@onset/db";

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

/** A step as the tree groups by it: what its row's label and the grouping read. */
export type GroupStep = Pick<StepSummary, "id" | "index" | "role" | "stageIndex" | "llmSpanId" | "spanIds"> & {
  actions: Pick<StepSummary["actions"][number], "tool" | "kind">[];
};

/** The agents, stages and steps that group the span tree into stage and step rows (the analysis' own, trimmed to what the tree reads). */
export interface OutlineGroups {
  agents: Pick<AgentSummary, "id" | "stageIndexes">[];
  stages: Pick<StageSummary, "index" | "agentId" | "kind" | "backtrack">[];
  steps: GroupStep[];
}

/**
 * The grouping on the wire, in columns like the spans (entry i of each array is step,
 * stage or agent i): strings (agent ids, roles, kinds, tools) as indexes into the
 * outline's `strings`, a step's id, LLM call and spans as tree rows (a step's id is the
 * span id of its primary span). 5,000 steps as objects were 0.95 MB of JSON; so, ~0.2 MB.
 */
export interface EncodedGroups {
  agents: { id: number[]; stageIndexes: number[][] };
  /** `backtrack`: 1 or 0. */
  stages: { index: number[]; agentId: number[]; kind: number[]; backtrack: number[] };
  /** `llm`: -1 for none; `actions`: [tool, kind, tool, kind, …]. */
  steps: { row: number[]; index: number[]; role: number[]; stageIndex: number[]; llm: number[]; actions: number[][]; rows: number[][] };
}

/** The tree and facts as sent. */
export interface EncodedOutline {
  /** The synthetic run root (its children are the rows with parent -1). */
  root: { name: string; status: SpanTreeNode["status"]; startTimeMs: number; endTimeMs: number };
  counts: Omit<SpanTree, "root">;
  strings: string[];
  spans: OutlineColumns;
  /** The stored analysis' grouping; absent when the outline was built without one (the run not analyzed yet, or since changed). */
  groups?: EncodedGroups;
}

/** The grouping of an analysis, trimmed to what the tree reads (the store keeps it in the outline). */
export function outlineGroupsOf(a: { agents: readonly AgentSummary[]; stages: readonly StageSummary[]; steps: readonly StepSummary[] }): OutlineGroups {
  return {
    agents: a.agents.map(({ id, stageIndexes }) => ({ id, stageIndexes })),
    stages: a.stages.map(({ index, agentId, kind, backtrack }) => ({ index, agentId, kind, backtrack })),
    steps: a.steps.map(({ id, index, role, stageIndex, llmSpanId, spanIds, actions }) => ({
      id, index, role, stageIndex, llmSpanId, spanIds, actions: actions.map(({ tool, kind }) => ({ tool, kind })),
    })),
  };
}

/** Rounds to a microsecond: offsets stay short on the wire. */
const micro = (ms: number) => Math.round(ms * 1000) / 1000;

/** The columnar form of a run's span tree and its span facts (and the grouping of its analysis, when given). */
export function encodeOutline(tree: SpanTree, facts: readonly OutlineFacts[], groups?: OutlineGroups): EncodedOutline {
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
  const encoded: EncodedOutline = { root: { name: root.name, status: root.status, startTimeMs: root.startTimeMs, endTimeMs: root.endTimeMs }, counts, strings, spans: c };
  if (groups) {
    const g = encodeGroups(groups, new Map(c.spanId.map((id, row) => [id, row])), intern);
    if (g) encoded.groups = g;
  }
  return encoded;
}

/**
 * The grouping in columns; null when a step's id or spans are not rows of the tree (the
 * tree has every stored span, so it does not happen: the page then groups the tree
 * from the diagnosis, as for a run not analyzed yet).
 */
function encodeGroups(groups: OutlineGroups, rowOf: ReadonlyMap<string, number>, intern: (s: string) => number): EncodedGroups | null {
  const steps: EncodedGroups["steps"] = { row: [], index: [], role: [], stageIndex: [], llm: [], actions: [], rows: [] };
  for (const step of groups.steps) {
    const row = rowOf.get(step.id);
    const llm = step.llmSpanId === null ? -1 : rowOf.get(step.llmSpanId);
    const rows = step.spanIds.map((id) => rowOf.get(id));
    if (row === undefined || llm === undefined || rows.some((r) => r === undefined)) return null;
    steps.row.push(row);
    steps.index.push(step.index);
    steps.role.push(intern(step.role));
    steps.stageIndex.push(step.stageIndex);
    steps.llm.push(llm);
    steps.actions.push(step.actions.flatMap((a) => [intern(a.tool), intern(a.kind)]));
    steps.rows.push(rows as number[]);
  }
  return {
    agents: { id: groups.agents.map((a) => intern(a.id)), stageIndexes: groups.agents.map((a) => a.stageIndexes) },
    stages: {
      index: groups.stages.map((s) => s.index),
      agentId: groups.stages.map((s) => intern(s.agentId)),
      kind: groups.stages.map((s) => intern(s.kind)),
      backtrack: groups.stages.map((s) => (s.backtrack ? 1 : 0)),
    },
    steps,
  };
}

/** The grouping back from its columns (`spanId`: the tree's span ids by row). */
function decodeGroups(g: EncodedGroups, spanId: readonly string[], strings: readonly string[]): OutlineGroups {
  const str = (i: number) => strings[i]!;
  return {
    agents: g.agents.id.map((id, i) => ({ id: str(id), stageIndexes: g.agents.stageIndexes[i]! })),
    stages: g.stages.index.map((index, i) => ({
      index,
      agentId: str(g.stages.agentId[i]!),
      kind: str(g.stages.kind[i]!) as OutlineGroups["stages"][number]["kind"],
      backtrack: g.stages.backtrack[i] === 1,
    })),
    steps: g.steps.row.map((row, i) => {
      const pairs = g.steps.actions[i]!;
      const actions: GroupStep["actions"] = [];
      for (let k = 0; k < pairs.length; k += 2) actions.push({ tool: str(pairs[k]!), kind: str(pairs[k + 1]!) as GroupStep["actions"][number]["kind"] });
      const llm = g.steps.llm[i]!;
      return {
        id: spanId[row]!,
        index: g.steps.index[i]!,
        role: str(g.steps.role[i]!) as GroupStep["role"],
        stageIndex: g.steps.stageIndex[i]!,
        llmSpanId: llm < 0 ? null : spanId[llm]!,
        spanIds: g.steps.rows[i]!.map((r) => spanId[r]!),
        actions,
      };
    }),
  };
}

/** The span tree, span facts and grouping (null when not sent) back from their columnar form. */
export function decodeOutline(o: EncodedOutline): { tree: SpanTree; spans: OutlineFacts[]; groups: OutlineGroups | null } {
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
  return { tree: { root, ...o.counts }, spans, groups: o.groups ? decodeGroups(o.groups, c.spanId, o.strings) : null };
}

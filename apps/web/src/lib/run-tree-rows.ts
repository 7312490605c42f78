/**
 * The run page's tree as rows: the analysis span tree regrouped into the hierarchy
 * docs/spec/design.md §4 names (run > agent > stage > step > span), then flattened into the rows
 * that are visible for the current expand/collapse state and filter. No React here:
 * the tree is built once per analysis and flattened in O(rows) per change, so a
 * 10,000-span run stays cheap to re-render.
 */
import type { SpanTree, SpanTreeNode } from "@onset/analysis";
import type { GroupStep, OutlineGroups } from "@onset/analysis-service/outline-codec";

/** What a row stands for. */
export type DisplayKind = "span" | "stage" | "step";

/** One node of the display tree. */
export interface DisplayNode {
  /** Unique row id: the span id for span rows, `step:`/`stage:` ids for groups. */
  id: string;
  kind: DisplayKind;
  label: string;
  /** The span of a span row; a step's primary span; null for a stage. */
  spanId: string | null;
  /** Span type of a span row, else null. */
  spanType: SpanTreeNode["type"] | null;
  status: "unset" | "ok" | "error";
  startMs: number;
  endMs: number;
  /** The step a step row stands for. */
  stepId: string | null;
  children: DisplayNode[];
}

/** The display tree and its lookups. */
export interface DisplayTree {
  /** Top-level nodes (the synthetic run root itself is not a row). */
  roots: DisplayNode[];
  byId: Map<string, DisplayNode>;
  /** Row id -> parent row id (absent for top-level rows). */
  parentOf: Map<string, string>;
  /** Number of rows when everything is expanded. */
  size: number;
}

/** One visible row. */
export interface TreeRow {
  node: DisplayNode;
  depth: number;
  expandable: boolean;
  expanded: boolean;
}

/**
 * The tree and, once the analysis is there, the agents, stages and steps that group it
 * (empty before): from the stored outline's grouping, or from the diagnosis.
 */
type Hierarchy = { tree: SpanTree; agents: readonly OutlineGroups["agents"][number][]; stages: readonly OutlineGroups["stages"][number][]; steps: readonly GroupStep[] };
type StageSummary = OutlineGroups["stages"][number];
type AgentSummary = OutlineGroups["agents"][number];

const STATUS_RANK = { unset: 0, ok: 1, error: 2 } as const;

function worse(a: DisplayNode["status"], b: DisplayNode["status"]): DisplayNode["status"] {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
}

function byStart(a: DisplayNode, b: DisplayNode): number {
  return a.startMs - b.startMs;
}

/** Short, readable label of a step: its number, role and the tools it called. */
export function stepLabel(step: Pick<GroupStep, "index" | "role" | "actions">): string {
  const tools = [...new Set(step.actions.map((a) => a.tool))];
  return `Step ${step.index + 1} · ${step.role}${tools.length > 0 ? ` · ${tools.join(", ")}` : ""}`;
}

/**
 * A step that is only code handing over to sub-agents (no LLM decision): grouping it
 * would wrap each agent span in a step row that says nothing the agent row does not.
 */
export function isBareHandoff(step: Pick<GroupStep, "llmSpanId" | "actions">): boolean {
  return step.llmSpanId === null && step.actions.length > 0 && step.actions.every((a) => a.kind === "handoff");
}

/** Label of a stage, numbered within its agent. */
export function stageLabel(stage: StageSummary, agent: AgentSummary | undefined): string {
  const n = agent ? agent.stageIndexes.indexOf(stage.index) + 1 : stage.index + 1;
  const kind = stage.kind === "initial" ? "start" : "after change";
  return `Stage ${n > 0 ? n : stage.index + 1} · ${kind}${stage.backtrack ? " (backtrack)" : ""}`;
}

/**
 * Builds the display tree. Under an agent span (or the run root, which holds implicit
 * agents' spans) direct children that belong to a step are grouped into step rows and
 * those into stage rows; under any other span only into step rows. Children outside
 * every step stay as they are. Siblings are ordered by start time.
 */
export function buildDisplayTree(analysis: Hierarchy): DisplayTree {
  const stepOfSpan = new Map<string, GroupStep>();
  for (const step of analysis.steps) {
    if (isBareHandoff(step)) continue;
    for (const id of step.spanIds) stepOfSpan.set(id, step);
  }
  const stageByIndex = new Map<number, StageSummary>(analysis.stages.map((s) => [s.index, s]));
  const agentById = new Map<string, AgentSummary>(analysis.agents.map((a) => [a.id, a]));
  const byId = new Map<string, DisplayNode>();
  const parentOf = new Map<string, string>();
  const uniqueId = (base: string, parentId: string): string => (byId.has(base) ? `${base}@${parentId}` : base);

  const spanNode = (t: SpanTreeNode): DisplayNode => {
    const node: DisplayNode = {
      id: t.spanId,
      kind: "span",
      label: t.name,
      spanId: t.spanId,
      spanType: t.type,
      status: t.status,
      startMs: t.startTimeMs,
      endMs: t.endTimeMs,
      stepId: null,
      children: [],
    };
    byId.set(node.id, node);
    return node;
  };

  const groupChildren = (parentId: string, kids: SpanTreeNode[], scopeOwner: boolean): DisplayNode[] => {
    let items: DisplayNode[] = [];
    const steps = new Map<string, DisplayNode>();
    for (const kid of kids) {
      const child = build(kid);
      const step = stepOfSpan.get(kid.spanId);
      // Under a span of the same step (a framework's "Step N" span around its LLM call),
      // the step's row is already above: a second one would repeat it.
      if (!step || stepOfSpan.get(parentId) === step) {
        items.push(child);
        continue;
      }
      let group = steps.get(step.id);
      if (!group) {
        group = {
          id: uniqueId(`step:${step.id}`, parentId),
          kind: "step",
          label: stepLabel(step),
          spanId: step.id,
          spanType: null,
          status: child.status,
          startMs: child.startMs,
          endMs: child.endMs,
          stepId: step.id,
          children: [],
        };
        byId.set(group.id, group);
        steps.set(step.id, group);
        items.push(group);
      }
      extend(group, child);
    }
    if (scopeOwner && steps.size > 0) {
      const stages = new Map<number, DisplayNode>();
      const grouped: DisplayNode[] = [];
      for (const item of items) {
        const step = item.stepId ? stepOfSpan.get(item.stepId) : undefined;
        const stage = step ? stageByIndex.get(step.stageIndex) : undefined;
        if (item.kind !== "step" || !step || !stage) {
          grouped.push(item);
          continue;
        }
        let group = stages.get(stage.index);
        if (!group) {
          group = {
            id: uniqueId(`stage:${stage.index}`, parentId),
            kind: "stage",
            label: stageLabel(stage, agentById.get(stage.agentId)),
            spanId: null,
            spanType: null,
            status: item.status,
            startMs: item.startMs,
            endMs: item.endMs,
            stepId: null,
            children: [],
          };
          byId.set(group.id, group);
          stages.set(stage.index, group);
          grouped.push(group);
        }
        extend(group, item);
      }
      items = grouped;
    }
    items.sort(byStart);
    for (const item of items) {
      parentOf.set(item.id, parentId);
      if (item.kind !== "span") linkGroup(item);
    }
    return items;
  };

  // Group rows (stage > step > span) are made here, not by build(): order and link them.
  const linkGroup = (group: DisplayNode): void => {
    group.children.sort(byStart);
    for (const c of group.children) {
      parentOf.set(c.id, group.id);
      if (c.kind !== "span") linkGroup(c);
    }
  };

  const build = (t: SpanTreeNode): DisplayNode => {
    const node = spanNode(t);
    node.children = groupChildren(node.id, t.children, t.type === "agent");
    return node;
  };

  const rootId = analysis.tree.root.spanId;
  const roots = groupChildren(rootId, analysis.tree.root.children, true);
  for (const r of roots) parentOf.delete(r.id);
  return { roots, byId, parentOf, size: byId.size };
}

function extend(group: DisplayNode, child: DisplayNode): void {
  group.children.push(child);
  group.startMs = Math.min(group.startMs, child.startMs);
  group.endMs = Math.max(group.endMs, child.endMs);
  group.status = worse(group.status, child.status);
}

/**
 * The visible rows: pre-order, skipping children of collapsed nodes, and, when `keep`
 * is given, every node not in it (a filter keeps matches and their ancestors).
 */
export function flattenRows(
  tree: DisplayTree,
  collapsed: ReadonlySet<string>,
  keep: ReadonlySet<string> | null = null,
  opts: { hideGroups?: boolean } = {},
): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: { node: DisplayNode; depth: number }[] = [];
  const push = (nodes: DisplayNode[], depth: number) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i]!;
      if (keep === null || keep.has(n.id)) stack.push({ node: n, depth });
    }
  };
  push(tree.roots, 0);
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    // Hidden stage/step rows: their spans take their place, at their depth.
    if (opts.hideGroups && node.kind !== "span") {
      push(node.children, depth);
      continue;
    }
    const expandable = node.children.length > 0;
    const expanded = expandable && !collapsed.has(node.id);
    rows.push({ node, depth, expandable, expanded });
    if (expanded) push(node.children, depth + 1);
  }
  return rows;
}

/** Every row id that has children (what "collapse all" collapses). */
export function expandableIds(tree: DisplayTree): Set<string> {
  const out = new Set<string>();
  for (const node of tree.byId.values()) if (node.children.length > 0) out.add(node.id);
  return out;
}

/** Span ids of every failed span (the "errors only" filter). */
export function errorSpanIds(tree: DisplayTree): Set<string> {
  const out = new Set<string>();
  for (const node of tree.byId.values()) if (node.kind === "span" && node.status === "error" && node.spanId) out.add(node.spanId);
  return out;
}

/** Span ids whose name contains `query` (case-insensitive), in tree order: the part of a search the page can answer alone. */
export function spansNamed(tree: DisplayTree, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const out: string[] = [];
  const walk = (nodes: DisplayNode[]) => {
    for (const n of nodes) {
      if (n.kind === "span" && n.spanId && n.label.toLowerCase().includes(q)) out.push(n.spanId);
      walk(n.children);
    }
  };
  walk(tree.roots);
  return out;
}

/** Row ids to keep for a filter: every row showing a matching span, and its ancestors. */
export function keepForSpans(tree: DisplayTree, spanIds: ReadonlySet<string>): Set<string> {
  const keep = new Set<string>();
  for (const node of tree.byId.values()) {
    if (node.kind !== "span" || node.spanId === null || !spanIds.has(node.spanId)) continue;
    for (let id: string | undefined = node.id; id !== undefined && !keep.has(id); id = tree.parentOf.get(id)) keep.add(id);
  }
  return keep;
}

/** Row ids above a row, nearest first (what must be expanded to show it). */
export function ancestorsOf(tree: DisplayTree, rowId: string): string[] {
  const out: string[] = [];
  for (let id = tree.parentOf.get(rowId); id !== undefined; id = tree.parentOf.get(id)) out.push(id);
  return out;
}

"use client";
/**
 * The run DAG drawn with reactflow. Positions come from lib/run-dag-layout.ts (computed
 * outside React); boxes are sized by cost and tinted by failures (lib/run-dag-style.ts);
 * edge labels carry call counts. Clicking a node filters the tree to its spans.
 */
import { useMemo } from "react";
import ReactFlow, { Background, Controls, Handle, MarkerType, Position, type Edge, type Node, type NodeProps } from "reactflow";
import "reactflow/dist/style.css";
import type { DagNode, RunDag } from "@onset/analysis";
import { layeredLayout } from "@/lib/run-dag-layout";
import { dagEdgeColor, dagEdgeLabel, dagNodeColors, dagNodeSize } from "@/lib/run-dag-style";
import { formatCost, formatTokens } from "@/lib/format";
import styles from "./run.module.css";

interface DagNodeData {
  node: DagNode;
  width: number;
  height: number;
  active: boolean;
}

/** One box: kind, name, calls, failures, tokens and cost. */
function DagBox({ data }: NodeProps<DagNodeData>) {
  const { node, width, height, active } = data;
  const colors = dagNodeColors(node);
  const tokens = node.tokens.input + node.tokens.output;
  return (
    <div
      className={`${styles.dagNode} ${active ? styles.dagNodeActive : ""}`}
      style={{ width, height, background: colors.background, borderColor: colors.border }}
      data-testid="dag-node"
      data-node-id={node.id}
      title={`${node.kind} ${node.name}`}
    >
      <Handle type="target" position={Position.Left} className={styles.dagHandle} />
      <div className={styles.dagKind}>{node.kind}</div>
      <div className={styles.dagName}>{node.name}</div>
      <div className={styles.dagStats}>
        {node.count}× {node.errors > 0 && <span className="error">· {node.errors} failed </span>}
        {tokens > 0 && `· ${formatTokens(tokens)} tok `}
        {node.costUsd > 0 && `· ${formatCost(node.costUsd)}`}
      </div>
      <Handle type="source" position={Position.Right} className={styles.dagHandle} />
    </div>
  );
}

const NODE_TYPES = { dag: DagBox };

/** The DAG with its layout; `activeNodeId` is the node the tree is filtered to. */
export function DagView({ dag, activeNodeId, onPickNode }: { dag: RunDag; activeNodeId: string | null; onPickNode: (nodeId: string) => void }) {
  const { nodes, edges } = useMemo(() => {
    const maxCost = Math.max(0, ...dag.nodes.map((n) => n.costUsd));
    const sized = dag.nodes.map((n) => ({ node: n, ...dagNodeSize(n.costUsd, maxCost) }));
    // Layers follow who calls whom; hand-offs between agents (drawn dashed) would
    // otherwise string every agent out in a line and push their tools far right.
    const layout = layeredLayout(
      sized.map((s) => ({ id: s.node.id, width: s.width, height: s.height })),
      dag.edges.filter((e) => e.kind === "calls").map((e) => ({ from: e.from, to: e.to })),
      { layerGap: 140 },
    );
    const pos = new Map(layout.nodes.map((p) => [p.id, p]));
    const flowNodes: Node<DagNodeData>[] = sized.map((s) => {
      const p = pos.get(s.node.id)!;
      return {
        id: s.node.id,
        type: "dag",
        position: { x: p.x, y: p.y },
        data: { node: s.node, width: s.width, height: s.height, active: s.node.id === activeNodeId },
        draggable: false,
        connectable: false,
      };
    });
    const flowEdges: Edge[] = dag.edges.map((e) => ({
      id: e.id,
      source: e.from,
      target: e.to,
      label: dagEdgeLabel(e),
      type: "default",
      animated: false,
      markerEnd: { type: MarkerType.ArrowClosed, color: dagEdgeColor(e) },
      style: { stroke: dagEdgeColor(e), strokeDasharray: e.kind === "handoff" ? "6 4" : undefined },
      labelStyle: { fontSize: 11, fill: "var(--fg)" },
      labelBgStyle: { fill: "var(--card)" },
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [dag, activeNodeId]);

  if (dag.nodes.length === 0) {
    return <p className="muted">This run has no agents, tools or model calls to draw.</p>;
  }
  return (
    <div className={styles.dagCanvas} data-testid="dag-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodeClick={(_, n) => onPickNode(n.id)}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
      >
        <Background gap={20} color="var(--chart-grid)" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

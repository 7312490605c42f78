/**
 * Schema of the run DAG: agents, tools and models as nodes; calls and hand-offs as
 * edges (docs/spec/design.md §4 "DAG"). Node ids are `kind:name`, so they match across runs.
 */
import { z } from "zod";
import { TokenTotalsSchema } from "./common-schema";

/** Latency aggregate of the spans behind a node or edge. */
export const LatencySchema = z.object({
  totalMs: z.number().nonnegative(),
  meanMs: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
});

/** One DAG node. */
export const DagNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(["agent", "tool", "model"]),
  name: z.string(),
  count: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  tokens: TokenTotalsSchema,
  costUsd: z.number().nonnegative(),
  latency: LatencySchema,
});
/** One DAG node. */
export type DagNode = z.infer<typeof DagNodeSchema>;

/** One DAG edge. */
export const DagEdgeSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  kind: z.enum(["calls", "handoff"]),
  count: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  tokens: TokenTotalsSchema,
  costUsd: z.number().nonnegative(),
  latency: LatencySchema,
});
/** One DAG edge. */
export type DagEdge = z.infer<typeof DagEdgeSchema>;

/** The run DAG. */
export const RunDagSchema = z.object({ nodes: z.array(DagNodeSchema), edges: z.array(DagEdgeSchema) });
/** The run DAG. */
export type RunDag = z.infer<typeof RunDagSchema>;

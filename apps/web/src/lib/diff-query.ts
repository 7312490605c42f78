/**
 * The query string of GET /api/v1/diff (docs/spec/public-api.md): `a` and `b` for a pair, or `a`
 * and `baseline` (comma-separated trace ids, or "auto" for the most recent successful
 * runs of the same task) for one run against a group (docs/spec/run-diff.md §5 noise floor, §8).
 */
import { z } from "zod";
import { querySchema, queryObject } from "@/contracts/endpoint";
import { TraceIdParam } from "./id-params";

/** Most baseline runs compared at once (the noise floor costs one diff per pair of them). */
export const MAX_BASELINES = 10;

/** How many successful runs `baseline=auto` takes. */
export const AUTO_BASELINES = 5;

const Baseline = z
  .string()
  .max(MAX_BASELINES * 33)
  .transform((s) => (s === "auto" ? ("auto" as const) : s.split(",").filter((x) => x !== "")))
  .pipe(
    z.union([
      z.literal("auto"),
      z
        .array(TraceIdParam)
        .min(1, "baseline needs at least one trace id (or auto)")
        .max(MAX_BASELINES, `at most ${MAX_BASELINES} baseline runs`)
        .transform((ids) => [...new Set(ids)]),
    ]),
  );

/** The query string as GET /diff's contract parses it: one of b or baseline, and a != b. */
export const DiffQuery = querySchema({ a: TraceIdParam, b: TraceIdParam.optional(), baseline: Baseline.optional() }).superRefine((v, ctx) => {
  if ((v.b === undefined) === (v.baseline === undefined)) {
    ctx.addIssue({ code: "custom", path: ["b"], message: "give either b (a second run) or baseline (trace ids or auto), not both or neither" });
  }
  if (v.b !== undefined && v.b === v.a) ctx.addIssue({ code: "custom", path: ["b"], message: "a and b are the same run" });
});

/** A parsed diff request: a pair, or a run against baselines. */
export type DiffRequest =
  | { mode: "pair"; a: string; b: string }
  | { mode: "baseline"; a: string; baseline: string[] | "auto" };

/** Parses the diff query; throws ZodError (400) when neither or both of b and baseline are given, or a equals b. */
export function parseDiffQuery(params: URLSearchParams): DiffRequest {
  return diffRequestOf(DiffQuery.parse(queryObject(params)));
}

/** The request a parsed query asks for: a pair, or a run against baselines (the run itself left out of them). */
export function diffRequestOf(q: z.output<typeof DiffQuery>): DiffRequest {
  if (q.b !== undefined) return { mode: "pair", a: q.a, b: q.b };
  const baseline = q.baseline!;
  return { mode: "baseline", a: q.a, baseline: baseline === "auto" ? "auto" : baseline.filter((id) => id !== q.a) };
}

/**
 * Contract of /api/v1/diff: two runs aligned (A = a, B = b), or one run against baseline
 * runs of its task with the noise floor. The query's parsing (one of b or baseline) is
 * lib/diff-query.ts'; the answer is the analyzer's DiffResultSchema plus the two runs'
 * summaries and the facts of the spans the pairs point at (lib/diff-types.ts).
 */
import { DiffResultSchema } from "@onset/analysis";
import { z } from "zod";
import { DiffQuery } from "@/lib/diff-query";
import type { BaselineInfo, DiffSpans } from "@/lib/diff-types";
import { jsonObject, type Endpoint } from "./endpoint";
import { RunSummarySchema } from "./runs";

const sides = { runA: RunSummarySchema, runB: RunSummarySchema, spans: jsonObject<DiffSpans>() };

/** GET /api/v1/diff?a&b | ?a&baseline=ids|auto */
export const diffEndpoint = {
  query: DiffQuery,
  response: z.discriminatedUnion("mode", [
    DiffResultSchema.extend({ mode: z.literal("pair"), ...sides }),
    DiffResultSchema.extend({ mode: z.literal("baseline"), ...sides, baseline: jsonObject<BaselineInfo>() }),
  ]),
} satisfies Endpoint;

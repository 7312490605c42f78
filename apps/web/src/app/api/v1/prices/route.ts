import { createPriceOverride, listPrices, modelPatternProblem } from "@onset/db";
import { z } from "zod";
import { ApiError } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const ListQuery = z.object({ q: z.string().max(200).optional(), project: z.string().max(200).optional() }).strict();

/** GET /api/v1/prices?q: the prices the project sees (its overrides first, then the bundled table), searchable. */
export const GET = apiRoute(async ({ req, principal }) => {
  const { q } = ListQuery.parse(Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== "")));
  return { prices: await listPrices(serverContext().pool, principal.projectId, q) };
});

const perMtok = z.number().finite().min(0).max(1_000_000);

/** A per-project override: USD per million tokens, matched by an RE2 regular expression on the lowercased model name. */
const OverrideBody = z
  .object({
    modelPattern: z.string().trim().min(1).max(300),
    modelName: z.string().trim().min(1).max(200).optional(),
    provider: z.string().trim().min(1).max(100).nullable().optional(),
    inputPerMtok: perMtok,
    outputPerMtok: perMtok,
    cacheReadPerMtok: perMtok.nullable().optional(),
    cacheWritePerMtok: perMtok.nullable().optional(),
    reasoningPerMtok: perMtok.nullable().optional(),
    effectiveFrom: z.coerce.date().optional(),
  })
  .strict();

/** POST /api/v1/prices: adds a project override (it wins over the bundled table for spans ingested from now on). */
export const POST = apiRoute(
  async ({ req, principal }) => {
    const body = OverrideBody.parse(await req.json().catch(() => null));
    // Matched with RE2 (linear time, packages/db pricing/model-pattern.ts): no pattern can stall ingest.
    const problem = modelPatternProblem(body.modelPattern);
    if (problem) throw new ApiError(400, "invalid_pattern", `modelPattern: ${problem}`);
    const id = await createPriceOverride(serverContext().pool, principal.projectId, {
      ...body,
      modelName: body.modelName ?? body.modelPattern,
    });
    return { id };
  },
  { status: 201 },
);

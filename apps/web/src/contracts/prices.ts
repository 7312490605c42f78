/** Contract of /api/v1/prices: the price table a project sees, its overrides, unpriced models. */
import { MAX_PRICE_LISTING } from "@onset/db";
import { z } from "zod";
import { limitField, querySchema, Timestamp, type Endpoint, type ResponseOf } from "./endpoint";

/** Most rows one price listing answers (the bundled table has more: search narrows it). */
export const MAX_PRICE_ROWS = MAX_PRICE_LISTING;

/** A price row as the API lists it: USD per million tokens; a project override has its projectId. */
export const PriceRowSchema = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  provider: z.string().nullable(),
  modelPattern: z.string(),
  modelName: z.string(),
  inputPerMtok: z.number(),
  outputPerMtok: z.number(),
  cacheReadPerMtok: z.number().nullable(),
  cacheWritePerMtok: z.number().nullable(),
  reasoningPerMtok: z.number().nullable(),
  effectiveFrom: Timestamp,
  effectiveTo: Timestamp.nullable(),
  priority: z.number(),
  source: z.string(),
});
/** A price row as JSON carries it. */
export type PriceRow = z.infer<typeof PriceRowSchema>;

/** GET /api/v1/prices?q&limit: overrides first, then the bundled table; `q` searches model names and patterns. */
export const listPricesEndpoint = {
  query: querySchema({ q: z.string().max(200).optional(), limit: limitField(MAX_PRICE_ROWS) }),
  response: z.object({ prices: z.array(PriceRowSchema) }),
} satisfies Endpoint;

const perMtok = z.number().finite().min(0).max(1_000_000);

/** POST /api/v1/prices: a per-project override, matched by an RE2 regular expression on the lowercased model name. */
export const createPriceEndpoint = {
  body: z
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
    .strict(),
  response: z.object({ id: z.string() }),
} satisfies Endpoint;

/** DELETE /api/v1/prices/{id}: one of the project's overrides. */
export const deletePriceEndpoint = {
  params: z.object({ id: z.string().min(1).max(100) }),
  response: z.object({ deleted: z.literal(true), id: z.string() }),
} satisfies Endpoint;

/** A model the project used with tokens but no price (its cost shows as unknown, not $0). */
export const UnpricedModelSchema = z.object({
  model: z.string(),
  spans: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  lastSeen: Timestamp,
});
/** An unpriced model as JSON carries it. */
export type UnpricedModel = z.infer<typeof UnpricedModelSchema>;

/** GET /api/v1/prices/unpriced: the 200 most used. */
export const unpricedEndpoint = {
  response: z.object({ models: z.array(UnpricedModelSchema) }),
} satisfies Endpoint;

/** Answer of GET /api/v1/prices. */
export type PriceList = ResponseOf<typeof listPricesEndpoint>;

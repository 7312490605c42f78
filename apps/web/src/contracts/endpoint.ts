/**
 * The shape of an API contract: what one endpoint takes (path params, query string, JSON
 * body) and what it answers, as zod schemas. A contract module per resource
 * (src/contracts/<resource>.ts) exports one Endpoint per route method; the route passes it
 * to apiRoute (which parses the request with it once and checks the answer in development
 * and tests), the client hooks read its inferred types, and the tests use both.
 * Pure zod: the browser may import this folder.
 */
import { z } from "zod";

/** One endpoint's schemas; every part optional (a GET without a query string has none). */
export interface Endpoint {
  /** Path parameters ({traceId}, {id}…), parsed from the route's params. */
  params?: z.ZodType;
  /** The query string, after queryObject's rule (empty values dropped). */
  query?: z.ZodType;
  /** The JSON body (Content-Type: application/json, checked by the CSRF guard). */
  body?: z.ZodType;
  /** The answer as JSON carries it (dates are ISO strings): checked outside production. */
  response?: z.ZodType;
}

/** What a schema part parses to (undefined where the endpoint has none). */
export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The answer of an endpoint as the client receives it. */
export type ResponseOf<E extends Endpoint> = E["response"] extends z.ZodType ? z.output<E["response"]> : unknown;

/** The body an endpoint takes, as the client sends it. */
export type BodyOf<E extends Endpoint> = E["body"] extends z.ZodType ? z.input<E["body"]> : never;

/**
 * The one query-string rule of the API: each key once (the last value wins) and empty
 * values dropped, so `?status=` means "no status filter" on every endpoint.
 */
export function queryObject(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
}

/** `?project=`: the project a session's request is about (resolved by authenticate, ignored by handlers). */
export const projectField = { project: z.string().max(200).optional() };

/** A query-string schema: `shape` plus `project`, strict (an unknown key is a 400). */
export function querySchema<S extends z.ZodRawShape>(shape: S) {
  return z.object({ ...shape, ...projectField }).strict();
}

/** The query of an endpoint that takes nothing but `?project=`. */
export const ProjectOnlyQuery = querySchema({});

/** A timestamp as JSON carries it (a Date serialized to ISO-8601). */
export const Timestamp = z.string();

/**
 * A JSON object typed as `T` and checked only for being an object: for nested parts whose
 * producer is typed and tested where it is made (the analyzer's, the decoder's, a package's
 * view), so the contract checks the answer's frame without restating them.
 */
export function jsonObject<T>() {
  return z.custom<T>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "expected an object");
}

/** A list limit: 1 to `max`, coerced from the query string. */
export function limitField(max: number) {
  return z.coerce.number().int().min(1).max(max).optional();
}

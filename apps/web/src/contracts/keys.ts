/** Contract of /api/v1/keys: a project's API keys (listed without secrets; a secret is shown once). */
import { KEY_SCOPES } from "@onset/db";
import { z } from "zod";
import { limitField, querySchema, Timestamp, type Endpoint, type ResponseOf } from "./endpoint";

/** Most keys one listing answers (newest first; revoked keys stay listed). */
export const MAX_KEYS_LISTED = 200;

/** A key as listed: prefix, scopes and dates, never a secret. */
export const KeySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  prefix: z.string(),
  publicKey: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  scopes: z.array(z.enum(KEY_SCOPES)),
});
/** A key as JSON carries it. */
export type KeyRow = z.infer<typeof KeySchema>;

/** GET /api/v1/keys?limit: newest first. */
export const listKeysEndpoint = {
  query: querySchema({ limit: limitField(MAX_KEYS_LISTED) }),
  response: z.object({ keys: z.array(KeySchema) }),
} satisfies Endpoint;

/** POST /api/v1/keys {name, scopes?}: the answer is the only time the secret is shown. */
export const createKeyEndpoint = {
  body: z
    .object({
      name: z.string().trim().min(1).max(100),
      scopes: z.array(z.enum(KEY_SCOPES)).min(1).max(KEY_SCOPES.length).optional(),
    })
    .strict(),
  response: z.object({ key: KeySchema.extend({ secret: z.string() }) }),
} satisfies Endpoint;

/** POST /api/v1/keys/{id}/revoke and DELETE /api/v1/keys/{id}. */
export const revokeKeyEndpoint = {
  params: z.object({ id: z.string().min(1).max(100) }),
  response: z.object({ revoked: z.literal(true), id: z.string() }),
} satisfies Endpoint;

/** Answer of GET /api/v1/keys. */
export type KeyList = ResponseOf<typeof listKeysEndpoint>;
/** A key just created, with its secret. */
export type NewKey = ResponseOf<typeof createKeyEndpoint>["key"];

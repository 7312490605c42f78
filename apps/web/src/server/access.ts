/**
 * What each kind of route needs, for a login (its role in the project) and for an API
 * key (a scope). Routes declare one of these names; apiRoute checks it in one place.
 * The table is docs/security.md "Users, roles and keys".
 */
import type { KeyScope, Role } from "@onset/db";

/** Kinds of access a route declares. */
export type Access = "read" | "ingest" | "write" | "admin" | "members:read" | "members:write";

/**
 * The weakest role a login needs, and the scope a key needs (null: keys are refused,
 * people's accounts are managed by people).
 */
export const ACCESS: Record<Access, { role: Role; scope: KeyScope | null; what: string }> = {
  /** The JSON API's GETs. */
  read: { role: "viewer", scope: "read", what: "reading this project" },
  /** Sending runs: OTLP (collector) and artifact upload. */
  ingest: { role: "member", scope: "ingest", what: "sending runs to this project" },
  /** What a member may change: verdicts and alert rules. Keys need `admin` for these. */
  write: { role: "member", scope: "admin", what: "changing verdicts and alert rules" },
  /** Settings: prices, API keys. */
  admin: { role: "admin", scope: "admin", what: "changing this project's settings" },
  /** The member list. */
  "members:read": { role: "viewer", scope: null, what: "listing members" },
  /** Inviting, changing roles, removing members. */
  "members:write": { role: "admin", scope: null, what: "managing members" },
};

/** What a route needs when it does not say: reads for GET and HEAD, settings for anything else (closed by default). */
export function defaultAccess(method: string): Access {
  return method === "GET" || method === "HEAD" ? "read" : "admin";
}

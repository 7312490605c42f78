/**
 * Project roles and key scopes, and the rules for changing who is in a project
 * (docs/security.md "Users, roles and keys"). Pure: the repositories and the web app's
 * access check both read these tables, so there is one definition of who may do what.
 */
import { OnsetError } from "@onset/otlp";

/** A user's role in one project, strongest first. */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
/** A user's role in one project. */
export type Role = (typeof ROLES)[number];

/** What an API key may do. */
export const KEY_SCOPES = ["ingest", "read", "admin"] as const;
/** What an API key may do: "ingest" (OTLP, import), "read" (JSON API GETs), "admin" (settings and writes). */
export type KeyScope = (typeof KEY_SCOPES)[number];

const RANK: Record<Role, number> = { owner: 4, admin: 3, member: 2, viewer: 1 };

/** True when `role` is `min` or stronger. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** The stronger of two roles. */
export function strongerRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}

/** True for a known role name. */
export function isRole(s: unknown): s is Role {
  return typeof s === "string" && (ROLES as readonly string[]).includes(s);
}

/** True for a known scope name. */
export function isKeyScope(s: unknown): s is KeyScope {
  return typeof s === "string" && (KEY_SCOPES as readonly string[]).includes(s);
}

/** HTTP status of each reason a membership change is refused. */
const MEMBERSHIP_STATUS = { forbidden: 403, last_owner: 409, not_found: 404 } as const;

/** Why a membership change is refused: 403 `forbidden`, 409 `last_owner`, 404 `not_found`. */
export class MembershipError extends OnsetError {
  declare readonly code: keyof typeof MEMBERSHIP_STATUS;
  constructor(code: keyof typeof MEMBERSHIP_STATUS, message: string) {
    super(MEMBERSHIP_STATUS[code], code, message);
  }
}

/** A proposed change to one member: a new role, or removal (`to: null`). */
export interface MembershipChange {
  /** The role of the user making the change. */
  actor: Role;
  /** The target's current role. */
  from: Role;
  /** The new role, or null to remove the member. */
  to: Role | null;
  /** Owners the project has now (the target included when they are one). */
  owners: number;
}

/**
 * Throws MembershipError unless the change is allowed: only owners and admins manage
 * members; only an owner may touch an owner or make one (an admin cannot remove or
 * demote an owner); the last owner can be neither removed nor demoted.
 */
export function checkMembershipChange(c: MembershipChange): void {
  if (!roleAtLeast(c.actor, "admin")) throw new MembershipError("forbidden", "managing members needs the admin or owner role");
  if ((c.from === "owner" || c.to === "owner") && c.actor !== "owner") {
    throw new MembershipError("forbidden", "only an owner can change an owner's role, remove an owner or make someone owner");
  }
  if (c.from === "owner" && c.to !== "owner" && c.owners <= 1) {
    throw new MembershipError("last_owner", "a project keeps at least one owner: make someone else owner first");
  }
}

/** Throws MembershipError unless `actor` may invite someone as `role` (owners alone invite owners). */
export function checkInviteRole(actor: Role, role: Role): void {
  if (!roleAtLeast(actor, "admin")) throw new MembershipError("forbidden", "inviting people needs the admin or owner role");
  if (role === "owner" && actor !== "owner") throw new MembershipError("forbidden", "only an owner can invite an owner");
}

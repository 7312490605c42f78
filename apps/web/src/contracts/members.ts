/** Contract of /api/v1/members: who is in a project with which role, and invite links. */
import { ROLES } from "@onset/db";
import { z } from "zod";
import { limitField, querySchema, Timestamp, type Endpoint, type ResponseOf } from "./endpoint";

/** Most members, and most pending invites, one listing answers. */
export const MAX_MEMBERS_LISTED = 1000;

/** A member: the user, their role, since when. */
export const MemberSchema = z.object({ userId: z.string(), email: z.string(), role: z.enum(ROLES), createdAt: Timestamp });
/** A member as JSON carries it. */
export type Member = z.infer<typeof MemberSchema>;

/** A pending invite (its token is never listed). */
export const InviteSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  role: z.enum(ROLES),
  createdBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
/** An invite as JSON carries it. */
export type Invite = z.infer<typeof InviteSchema>;

/** GET /api/v1/members?limit: members (owners first), pending invites for admins, the caller's own role. */
export const listMembersEndpoint = {
  query: querySchema({ limit: limitField(MAX_MEMBERS_LISTED) }),
  response: z.object({
    members: z.array(MemberSchema),
    invites: z.array(InviteSchema),
    you: z.object({ userId: z.string(), role: z.enum(ROLES), canManage: z.boolean() }),
  }),
} satisfies Endpoint;

const UserIdParams = z.object({ userId: z.string().min(1).max(100) });

/** PATCH /api/v1/members/{userId} {role}. */
export const changeMemberEndpoint = {
  params: UserIdParams,
  body: z.object({ role: z.enum(ROLES) }).strict(),
  response: z.object({ member: MemberSchema }),
} satisfies Endpoint;

/** DELETE /api/v1/members/{userId}. */
export const removeMemberEndpoint = {
  params: UserIdParams,
  response: z.object({ removed: z.literal(true), userId: z.string() }),
} satisfies Endpoint;

/** POST /api/v1/members/invites {role, expiresInDays?}: the link is shown only in this answer. */
export const createInviteEndpoint = {
  body: z
    .object({
      role: z.enum(ROLES),
      expiresInDays: z.number().int().min(1).max(30).default(7),
    })
    .strict(),
  response: z.object({ invite: InviteSchema, url: z.string() }),
} satisfies Endpoint;

/** DELETE /api/v1/members/invites/{id}. */
export const revokeInviteEndpoint = {
  params: z.object({ id: z.string().min(1).max(100) }),
  response: z.object({ revoked: z.literal(true), id: z.string() }),
} satisfies Endpoint;

/** Answer of GET /api/v1/members. */
export type MembersView = ResponseOf<typeof listMembersEndpoint>;

import { changeMemberEndpoint, removeMemberEndpoint } from "@/contracts/members";
import { apiRoute } from "@/server/route";
import { changeMember, sessionOf } from "../members-service";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/members/{userId} {role}: changes a member's role (owners alone touch owners; one owner always stays). */
export const PATCH = apiRoute(async ({ principal, params, body }) => changeMember(sessionOf(principal), params.userId, body.role), {
  access: "members:write",
  contract: changeMemberEndpoint,
});

/** DELETE /api/v1/members/{userId}: removes a member from the project (not the last owner; an admin cannot remove an owner). */
export const DELETE = apiRoute(async ({ principal, params }) => changeMember(sessionOf(principal), params.userId, null), {
  access: "members:write",
  contract: removeMemberEndpoint,
});

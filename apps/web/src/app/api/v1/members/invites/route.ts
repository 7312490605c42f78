import { createInviteEndpoint } from "@/contracts/members";
import { apiRoute } from "@/server/route";
import { inviteMember, sessionOf } from "../members-service";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/members/invites {role, expiresInDays?}: an invite link into this project
 * (admin or owner; only an owner invites an owner). The response is the only time the
 * link is shown.
 */
export const POST = apiRoute(async ({ req, principal, body }) => inviteMember(req, sessionOf(principal), body.role, body.expiresInDays), {
  status: 201,
  access: "members:write",
  contract: createInviteEndpoint,
});

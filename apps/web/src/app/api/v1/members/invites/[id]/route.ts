import { revokeInviteEndpoint } from "@/contracts/members";
import { apiRoute } from "@/server/route";
import { cancelInvite, sessionOf } from "../../members-service";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/members/invites/{id}: revokes a pending invite; its link stops working. */
export const DELETE = apiRoute(async ({ principal, params }) => cancelInvite(sessionOf(principal), params.id), {
  access: "members:write",
  contract: revokeInviteEndpoint,
});

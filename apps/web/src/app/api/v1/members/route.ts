import { listMembersEndpoint, MAX_MEMBERS_LISTED } from "@/contracts/members";
import { apiRoute } from "@/server/route";
import { membersView, sessionOf } from "./members-service";

export const dynamic = "force-dynamic";

/** GET /api/v1/members?limit: the project's members (email, role), pending invites for admins (1000 at most of each), and the caller's own role. */
export const GET = apiRoute(async ({ principal, query }) => membersView(sessionOf(principal), query.limit ?? MAX_MEMBERS_LISTED), {
  access: "members:read",
  contract: listMembersEndpoint,
});

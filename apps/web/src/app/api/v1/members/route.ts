import { apiRoute } from "@/server/route";
import { membersView, sessionOf } from "./members-service";

export const dynamic = "force-dynamic";

/** GET /api/v1/members: the project's members (email, role), pending invites for admins, and the caller's own role. */
export const GET = apiRoute(async ({ principal }) => membersView(sessionOf(principal)), { access: "members:read" });

import { ROLES } from "@onset/db";
import { z } from "zod";
import { apiRoute } from "@/server/route";
import { changeMember, sessionOf } from "../members-service";

export const dynamic = "force-dynamic";

const UserId = z.string().min(1).max(100);
const Body = z.object({ role: z.enum(ROLES) }).strict();

/** PATCH /api/v1/members/{userId} {role}: changes a member's role (owners alone touch owners; one owner always stays). */
export const PATCH = apiRoute<{ userId: string }>(
  async ({ req, principal, params }) => changeMember(sessionOf(principal), UserId.parse(params.userId), Body.parse(await req.json().catch(() => null)).role),
  { access: "members:write" },
);

/** DELETE /api/v1/members/{userId}: removes a member from the project (not the last owner; an admin cannot remove an owner). */
export const DELETE = apiRoute<{ userId: string }>(
  async ({ principal, params }) => changeMember(sessionOf(principal), UserId.parse(params.userId), null),
  { access: "members:write" },
);

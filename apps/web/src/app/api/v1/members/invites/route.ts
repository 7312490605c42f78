import { ROLES } from "@onset/db";
import { z } from "zod";
import { apiRoute } from "@/server/route";
import { inviteMember, sessionOf } from "../members-service";

export const dynamic = "force-dynamic";

const Body = z
  .object({
    role: z.enum(ROLES),
    expiresInDays: z.number().int().min(1).max(30).default(7),
  })
  .strict();

/**
 * POST /api/v1/members/invites {role, expiresInDays?}: an invite link into this project
 * (admin or owner; only an owner invites an owner). The response is the only time the
 * link is shown.
 */
export const POST = apiRoute(
  async ({ req, principal }) => {
    const body = Body.parse(await req.json().catch(() => null));
    return inviteMember(req, sessionOf(principal), body.role, body.expiresInDays);
  },
  { status: 201, access: "members:write" },
);

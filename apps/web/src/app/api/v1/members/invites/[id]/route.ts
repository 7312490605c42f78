import { z } from "zod";
import { apiRoute } from "@/server/route";
import { cancelInvite, sessionOf } from "../../members-service";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/members/invites/{id}: revokes a pending invite; its link stops working. */
export const DELETE = apiRoute<{ id: string }>(
  async ({ principal, params }) => cancelInvite(sessionOf(principal), z.string().min(1).max(100).parse(params.id)),
  { access: "members:write" },
);

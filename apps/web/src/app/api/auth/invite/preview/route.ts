import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { z } from "zod";
import { InviteToken, invitePreview } from "@/server/invite-service";
import { errorResponse, readJsonBody } from "@/server/route";
import { SESSION_COOKIE } from "@/server/auth";
import { sessionUserOf } from "@/server/session-user";

export const dynamic = "force-dynamic";

const Body = z.object({ token: InviteToken }).strict();

/**
 * POST /api/auth/invite/preview {token}: the project and role an invite link offers, and
 * who is logged in here (to offer joining as them). The token travels in a body, not a
 * URL, so it stays out of access logs.
 */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    const { token } = await readJsonBody(req, Body);
    const preview = await invitePreview(token);
    const user = await sessionUserOf(req.cookies.get(SESSION_COOKIE)?.value);
    return NextResponse.json({ ...preview, loggedInAs: user?.email ?? null });
  } catch (err) {
    return errorResponse(err);
  }
}

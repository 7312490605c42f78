import type { NextRequest } from "next/server";
import { AcceptBody, acceptInviteRequest } from "@/server/invite-service";
import { guardCookieRequest } from "@/server/csrf";
import { errorResponse, readJsonBody } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * POST /api/auth/invite/accept {token, account: "new", email, password} | {token,
 * account: "existing", email, password} | {token, account: "session"}: joins the invited
 * project with the invite's role (once; 404 for a used or expired link, 409 when a new
 * account's email exists) and logs the joining user in.
 */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    guardCookieRequest(req);
    return await acceptInviteRequest(req, await readJsonBody(req, AcceptBody));
  } catch (err) {
    return errorResponse(err);
  }
}

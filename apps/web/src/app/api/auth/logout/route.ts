import { logout } from "@onset/db";
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/server/auth";
import { serverContext } from "@/server/context";
import { guardCookieRequest } from "@/server/csrf";
import { errorResponse } from "@/server/route";

/** POST /api/auth/logout: ends the session and clears the cookie. */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    guardCookieRequest(req); // a cross-site page must not log the user out either
  } catch (err) {
    return errorResponse(err);
  }
  const token = req.cookies.get(SESSION_COOKIE)?.value;
  if (token) await logout(serverContext().prisma, token);
  const res = NextResponse.json({ ok: true });
  res.cookies.delete(SESSION_COOKIE);
  return res;
}

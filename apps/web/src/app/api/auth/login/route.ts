import { login } from "@onset/db";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ApiError } from "@/server/api-error";
import { SESSION_COOKIE } from "@/server/auth";
import { serverContext } from "@/server/context";
import { guardCookieRequest } from "@/server/csrf";
import { loginThrottle } from "@/server/login-throttle";
import { clientAddress, secureCookies } from "@/server/request-origin";
import { errorResponse, readJsonBody } from "@/server/route";

const Body = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }).strict();

/**
 * POST /api/auth/login: checks an email and password, sets the session cookie. Same-origin
 * JSON only (login CSRF); failures are throttled per account and per address (429 with
 * Retry-After, login-throttle.ts); the cookie is Secure whenever the app is served over https.
 */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    guardCookieRequest(req);
    const body = await readJsonBody(req, Body);
    const throttle = loginThrottle();
    const address = clientAddress(req);
    const wait = throttle.check(body.email, address);
    if (wait) throw new ApiError(429, "too_many_attempts", `too many failed logins: try again in ${wait.retryAfterSeconds} s`, { retryAfter: wait.retryAfterSeconds });
    const session = await login(serverContext().prisma, body.email, body.password);
    if (!session) {
      throttle.failed(body.email, address);
      throw new ApiError(401, "invalid_login", "wrong email or password");
    }
    throttle.succeeded(body.email);
    const res = NextResponse.json({ ok: true });
    res.cookies.set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies(req),
      path: "/",
      expires: session.expiresAt,
    });
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}
